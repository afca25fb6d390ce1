package io.outdial.persistence.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CallMetadataStore} on an embedded PostgreSQL. */
class CallMetadataStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ClientId CLIENT = ClientId.of("client-a");
  private static final ClientId OTHER = ClientId.of("client-b");
  private static final Instant T = Instant.parse("2030-01-15T12:00:00Z");
  private static final long MAX = 65_536;

  private CallMetadataStore store;
  private CampaignId campaign;

  @BeforeEach
  void emptyDatabase() throws SQLException {
    TestDatabase.empty();
    store = new CallMetadataStore(new PlainTransactor(TestDatabase.dataSource()));
    campaign = campaign(CLIENT);
  }

  @Test
  void aFirstMergeStoresTheBodyAndWhenItWasWritten() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);

    MetadataWrite written = write(CLIENT, call, MetadataWrite.Mode.MERGE, "{\"a\":1,\"b\":null}");

    assertThat(written)
        .isEqualTo(new MetadataWrite.Written(call.value(), object("{\"a\":1}"), T.plusSeconds(1)));
    assertThat(stored(call)).isEqualTo(JSON.readTree("{\"a\":1}"));
    assertThat(storedAt(call)).isEqualTo(T.plusSeconds(1));
  }

  @Test
  void aMergeAppliesJsonMergePatchToWhatIsStored() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);
    write(
        CLIENT, call, MetadataWrite.Mode.MERGE, "{\"a\":1,\"n\":{\"x\":1,\"y\":2},\"gone\":true}");

    MetadataWrite written =
        write(CLIENT, call, MetadataWrite.Mode.MERGE, "{\"b\":2,\"n\":{\"y\":null},\"gone\":null}");

    JsonNode expected = JSON.readTree("{\"a\":1,\"n\":{\"x\":1},\"b\":2}");
    assertThat(((MetadataWrite.Written) written).metadata()).isEqualTo(expected);
    assertThat(stored(call)).isEqualTo(expected);
  }

  @Test
  void aReplaceDropsWhatWasStored() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);
    write(CLIENT, call, MetadataWrite.Mode.MERGE, "{\"a\":1}");

    write(CLIENT, call, MetadataWrite.Mode.REPLACE, "{\"b\":{\"c\":null}}");

    // replace stores the body as it is: a null inside it is a value, not a removal
    assertThat(stored(call)).isEqualTo(JSON.readTree("{\"b\":{\"c\":null}}"));
  }

  @Test
  void anotherClientsCallAnUnknownCallAndADeletedCampaignsCallAreNotFound() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);
    CampaignId deleted = campaign(CLIENT);
    CallId ofDeleted = call(deleted, CLIENT, "+15550100002", true);
    sql("update campaign set deleted_at = now() where id = ?", deleted.value());

    assertThat(write(OTHER, call, MetadataWrite.Mode.MERGE, "{\"a\":1}"))
        .isEqualTo(new MetadataWrite.NotFound());
    assertThat(write(CLIENT, CallId.random(), MetadataWrite.Mode.MERGE, "{\"a\":1}"))
        .isEqualTo(new MetadataWrite.NotFound());
    assertThat(write(CLIENT, ofDeleted, MetadataWrite.Mode.MERGE, "{\"a\":1}"))
        .isEqualTo(new MetadataWrite.NotFound());
    assertThat(stored(call)).isNull();
    assertThat(stored(ofDeleted)).isNull();
  }

  @Test
  void aCallThatHasNotEndedIsRefusedAndKeepsNoMetadata() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", false);

    assertThat(write(CLIENT, call, MetadataWrite.Mode.MERGE, "{\"a\":1}"))
        .isEqualTo(new MetadataWrite.NotEnded());
    assertThat(write(CLIENT, call, MetadataWrite.Mode.REPLACE, "{\"a\":1}"))
        .isEqualTo(new MetadataWrite.NotEnded());
    assertThat(stored(call)).isNull();
    assertThat(storedAt(call)).isNull();
  }

  @Test
  void aMergeWhoseResultWouldPassTheLimitStoresNothing() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);
    String half = "x".repeat(40);
    store.write(CLIENT, call, MetadataWrite.Mode.MERGE, object("{\"a\":\"" + half + "\"}"), 64, T);

    MetadataWrite refused =
        store.write(
            CLIENT, call, MetadataWrite.Mode.MERGE, object("{\"b\":\"" + half + "\"}"), 64, T);

    assertThat(refused).isInstanceOf(MetadataWrite.TooLarge.class);
    assertThat(((MetadataWrite.TooLarge) refused).reason()).contains("64 bytes");
    assertThat(stored(call)).isEqualTo(JSON.readTree("{\"a\":\"" + half + "\"}"));
  }

  @Test
  void concurrentMergesIntoOneCallLoseNoKey() throws Exception {
    CallId call = call(campaign, CLIENT, "+15550100001", true);
    int writers = 8;
    int keysEach = 15;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      start.await(10, TimeUnit.SECONDS);
                      for (int k = 0; k < keysEach; k++) {
                        MetadataWrite written =
                            write(
                                CLIENT,
                                call,
                                MetadataWrite.Mode.MERGE,
                                "{\"w%d_k%d\": %d, \"shared\": {\"w%d\": %d}}"
                                    .formatted(writer, k, k, writer, k));
                        assertThat(written).isInstanceOf(MetadataWrite.Written.class);
                      }
                      return null;
                    }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    JsonNode metadata = stored(call);
    assertThat(metadata.size()).isEqualTo(writers * keysEach + 1);
    for (int w = 0; w < writers; w++) {
      for (int k = 0; k < keysEach; k++) {
        assertThat(metadata.get("w" + w + "_k" + k).asInt()).isEqualTo(k);
      }
      assertThat(metadata.get("shared").get("w" + w).asInt()).isEqualTo(keysEach - 1);
    }
  }

  // --- fixtures and facts, in plain SQL ---

  private MetadataWrite write(ClientId client, CallId call, MetadataWrite.Mode mode, String body)
      throws Exception {
    return store.write(client, call, mode, object(body), MAX, T.plusSeconds(1));
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static CampaignId campaign(ClientId client) throws SQLException {
    CampaignId id = CampaignId.random();
    sql(
        "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
            + " max_concurrent, priority, status, created_at)"
            + " values (?, ?, 'Metadata test', 'tara', 'You call.', '+15551234567', 10, 5,"
            + " 'active', now())",
        id.value(),
        client.value());
    return id;
  }

  private static CallId call(CampaignId campaign, ClientId client, String phone, boolean ended)
      throws SQLException {
    CallId id = CallId.random();
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      long contact;
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into contact (campaign_id, phone, variables, created_at)"
                  + " values (?, ?, '{}'::jsonb, now()) returning id")) {
        s.setString(1, campaign.value());
        s.setString(2, phone);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          contact = r.getLong(1);
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into call (id, campaign_id, client_id, contact_id, attempt, disposition,"
                  + " started_at, ended_at) values (?, ?, ?, ?, 1, ?, ?, ?)")) {
        s.setString(1, id.value());
        s.setString(2, campaign.value());
        s.setString(3, client.value());
        s.setLong(4, contact);
        s.setString(5, ended ? "human_interested" : null);
        s.setTimestamp(6, Timestamp.from(T.minusSeconds(60)));
        s.setTimestamp(7, ended ? Timestamp.from(T) : null);
        s.executeUpdate();
      }
    }
    return id;
  }

  private static JsonNode stored(CallId call) throws Exception {
    String json = single("select metadata::text from call where id = ?", call.value());
    return json == null ? null : JSON.readTree(json);
  }

  private static Instant storedAt(CallId call) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("select metadata_updated_at from call where id = ?")) {
      s.setString(1, call.value());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        OffsetDateTime at = r.getObject(1, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
      }
    }
  }

  private static String single(String query, String parameter) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, parameter);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  private static void sql(String statement, String... parameters) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }
}
