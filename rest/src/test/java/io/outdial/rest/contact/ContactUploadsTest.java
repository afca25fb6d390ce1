package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.persistence.job.JobStore;
import io.outdial.persistence.job.UploadStart;
import io.outdial.rest.campaign.ContactFields;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows uploaded in the request (JSON): read as they are stored, a batch per call of the store. */
class ContactUploadsTest {
  private static final ClientId CLIENT = ClientId.of("acme");
  private static final CampaignId CAMPAIGN = CampaignId.random();

  /** The batches stored, each in one call (one transaction). */
  private final List<Integer> batches = new ArrayList<>();

  private final List<String> jobEnds = new ArrayList<>();
  private final ContactUploads uploads = new ContactUploads();

  @BeforeEach
  void stores() {
    uploads.campaigns =
        new CampaignStore() {
          @Override
          public Enqueued addContacts(
              ClientId client, CampaignId id, List<NewContact> contacts, Instant now) {
            batches.add(contacts.size());
            return new Enqueued(contacts.size(), 0);
          }
        };
    uploads.jobs =
        new JobStore() {
          @Override
          public UploadStart startUpload(
              JobId id, ClientId client, CampaignId campaign, Instant now) {
            return new UploadStart.Started();
          }

          @Override
          public void progress(JobId id, int percent, Instant now) {}

          @Override
          public void complete(JobId id, String resultJson, Instant now) {
            jobEnds.add("completed " + resultJson);
          }

          @Override
          public void fail(JobId id, String resultJson, Instant now) {
            jobEnds.add("failed " + resultJson);
          }
        };
    uploads.contactFields = new ContactFields("US", "possible", 50, 1_000);
    uploads.clock = Clock.fixed(Instant.parse("2025-03-15T10:30:00Z"), ZoneOffset.UTC);
  }

  private static Map<String, String> contact(long i) {
    return Map.of("phone", "+1202" + String.format("%07d", 2_000_000 + i));
  }

  @Test
  void rowsAreStoredABatchAtATimeWhileTheyAreRead() throws IOException {
    int rows = 25_000;
    UploadResult result =
        uploads.uploadRows(
            CLIENT,
            CAMPAIGN,
            handler -> {
              for (long i = 1; i <= rows; i++) {
                if (i == ContactBatcher.BATCH + 1) {
                  // memory holds a batch, not the upload: the first one is stored already
                  assertThat(batches).containsExactly(ContactBatcher.BATCH);
                }
                handler.row(i, contact(i), (int) (i * 99 / rows));
              }
            });
    assertThat(batches).containsExactly(10_000, 10_000, 5_000);
    assertThat(result.uploaded()).isEqualTo(rows);
    assertThat(jobEnds).singleElement().asString().startsWith("completed ");
  }

  @Test
  void aFailureOfTheReadingFailsTheJobAndKeepsTheBatchesBefore() {
    assertThatThrownBy(
            () ->
                uploads.uploadRows(
                    CLIENT,
                    CAMPAIGN,
                    handler -> {
                      for (long i = 1; i <= ContactBatcher.BATCH + 5; i++) {
                        handler.row(i, contact(i), 0);
                      }
                      throw new IOException("The disk is gone");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("The disk is gone");
    assertThat(batches).containsExactly(ContactBatcher.BATCH);
    assertThat(jobEnds)
        .singleElement()
        .asString()
        .startsWith("failed {\"error\":\"Internal error while reading the upload\"")
        .contains("\"uploaded\":10000");
  }
}
