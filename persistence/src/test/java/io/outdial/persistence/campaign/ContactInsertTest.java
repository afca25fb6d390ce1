package io.outdial.persistence.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ContactInsert}, the bulk insert of campaign creation and uploads, on PostgreSQL. */
class ContactInsertTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CampaignId campaign;

  @BeforeEach
  void emptyDatabase() throws SQLException {
    TestDatabase.empty();
    campaign = CampaignId.random();
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
                    + " max_concurrent, priority, status, created_at)"
                    + " values (?, 'client-a', 'Insert test', 'tara', 'You call.',"
                    + " '+15551234567', 10, 5, 'queued', now())")) {
      s.setString(1, campaign.value());
      s.executeUpdate();
    }
  }

  @Test
  void storesEachContactsMetadataBesideItsVariables() throws Exception {
    NewContact withMetadata =
        new NewContact(
            PhoneNumber.ofE164("+15550100001"),
            Optional.of("Ada"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of("shift", "nights"),
            "{\"crm_id\":\"A-17\",\"tags\":[\"rn\"]}");
    NewContact without = NewContact.of(PhoneNumber.ofE164("+15550100002"));

    try (Connection c = TestDatabase.dataSource().getConnection()) {
      assertThat(ContactInsert.insert(c, campaign.value(), List.of(withMetadata, without), now()))
          .isEqualTo(2);
    }

    Map<String, String[]> rows = rows();
    assertThat(JSON.readTree(rows.get("+15550100001")[0]))
        .isEqualTo(JSON.readTree("{\"crm_id\":\"A-17\",\"tags\":[\"rn\"]}"));
    assertThat(JSON.readTree(rows.get("+15550100001")[1]))
        .isEqualTo(JSON.readTree("{\"shift\":\"nights\"}"));
    assertThat(rows.get("+15550100002")[0]).isEqualTo("{}");
  }

  private static Instant now() {
    return Instant.parse("2030-01-15T12:00:00Z");
  }

  /** Phone to {metadata, variables} as JSON text. */
  private Map<String, String[]> rows() throws SQLException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select phone, metadata::text, variables::text from contact"
                    + " where campaign_id = ?")) {
      s.setString(1, campaign.value());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.put(r.getString(1), new String[] {r.getString(2), r.getString(3)});
        }
      }
    }
    return rows;
  }
}
