package io.outdial.persistence.agent;

import io.outdial.core.agent.AgentConfig;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.Transactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AgentStore} on PostgreSQL ({@code agent}), plain JDBC on a {@link Transactor}.
 *
 * <p>A delete locks the agent's row first and only then counts the campaigns using it, in a
 * statement of its own: a campaign being created with the agent holds a share lock on that row
 * until it commits (see {@link io.outdial.persistence.campaign.CampaignStore}), so the count sees
 * it, and an agent is never deleted under a campaign that uses it.
 */
public final class JdbcAgentStore implements AgentStore {
  private static final String COLUMNS =
      "id, client_id, name, voice, system_prompt, greeting_text, voicemail_text,"
          + " first_message_mode, analysis_plan::text, llm_model, llm_temperature, revision,"
          + " created_at, updated_at";

  private final Transactor tx;

  public JdbcAgentStore(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public AgentRecord create(ClientId client, AgentId id, AgentConfig config, Instant now) {
    return tx.inTransaction(
        "create an agent",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into agent (id, client_id, name, voice, system_prompt, greeting_text,"
                      + " voicemail_text, first_message_mode, analysis_plan, llm_model,"
                      + " llm_temperature, revision, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 1, ?, ?) returning "
                      + COLUMNS)) {
            s.setString(1, id.value());
            s.setString(2, client.value());
            int next = bindConfig(s, 3, config);
            s.setTimestamp(next, Timestamp.from(now));
            s.setTimestamp(next + 1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return agent(r);
            }
          }
        });
  }

  @Override
  public Optional<AgentRecord> find(ClientId client, AgentId id) {
    return tx.inTransaction(
        "read an agent",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + COLUMNS + " from agent where id = ? and client_id = ?")) {
            s.setString(1, id.value());
            s.setString(2, client.value());
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(agent(r)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Page<AgentRecord> list(ClientId client, int limit, long offset) {
    return tx.inTransaction(
        "list agents",
        c -> {
          long total;
          try (PreparedStatement s =
              c.prepareStatement("select count(*) from agent where client_id = ?")) {
            s.setString(1, client.value());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          List<AgentRecord> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from agent where client_id = ? order by created_at, id limit ? offset ?")) {
            s.setString(1, client.value());
            s.setInt(2, limit);
            s.setLong(3, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(agent(r));
              }
            }
          }
          return new Page<>(items, total);
        });
  }

  @Override
  public Optional<AgentRecord> update(
      ClientId client, AgentId id, AgentConfig config, Instant now) {
    return tx.inTransaction(
        "update an agent",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update agent set name = ?, voice = ?, system_prompt = ?, greeting_text = ?,"
                      + " voicemail_text = ?, first_message_mode = ?, analysis_plan = ?::jsonb,"
                      + " llm_model = ?, llm_temperature = ?, revision = revision + 1,"
                      + " updated_at = greatest(updated_at, ?)"
                      + " where id = ? and client_id = ? returning "
                      + COLUMNS)) {
            int next = bindConfig(s, 1, config);
            s.setTimestamp(next, Timestamp.from(now));
            s.setString(next + 1, id.value());
            s.setString(next + 2, client.value());
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(agent(r)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public AgentDeletion delete(ClientId client, AgentId id) {
    return tx.inTransaction(
        "delete an agent",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select 1 from agent where id = ? and client_id = ? for update")) {
            s.setString(1, id.value());
            s.setString(2, client.value());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return new AgentDeletion.NotFound();
              }
            }
          }
          long using = campaignsUsing(c, id);
          if (using > 0) {
            return new AgentDeletion.InUse(using);
          }
          try (PreparedStatement s = c.prepareStatement("delete from agent where id = ?")) {
            s.setString(1, id.value());
            s.executeUpdate();
          }
          return new AgentDeletion.Deleted();
        });
  }

  private static long campaignsUsing(Connection c, AgentId id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select count(*) from campaign where agent_id = ? and deleted_at is null")) {
      s.setString(1, id.value());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Binds the configuration's nine columns from {@code first}; answers the next index. */
  private static int bindConfig(PreparedStatement s, int first, AgentConfig config)
      throws SQLException {
    int i = first;
    s.setString(i++, config.name());
    s.setString(i++, config.voice().wireName());
    s.setString(i++, config.systemPrompt());
    s.setString(i++, config.greetingText().orElse(null));
    s.setString(i++, config.voicemailText().orElse(null));
    s.setString(i++, config.firstMessageMode().wireName());
    s.setString(i++, AnalysisPlanJson.write(config.analysisPlan()));
    s.setString(i++, config.llm().model().orElse(null));
    if (config.llm().temperature().isPresent()) {
      s.setDouble(i++, config.llm().temperature().get());
    } else {
      s.setNull(i++, Types.DOUBLE);
    }
    return i;
  }

  private static AgentRecord agent(ResultSet r) throws SQLException {
    double temperature = r.getDouble(11);
    Optional<Double> t = r.wasNull() ? Optional.empty() : Optional.of(temperature);
    return new AgentRecord(
        AgentId.parse(r.getString(1)),
        ClientId.of(r.getString(2)),
        new AgentConfig(
            r.getString(3),
            Voice.fromWire(r.getString(4)),
            r.getString(5),
            Optional.ofNullable(r.getString(6)),
            Optional.ofNullable(r.getString(7)),
            FirstMessageMode.fromWire(r.getString(8)),
            AnalysisPlanJson.read(r.getString(9)),
            new LlmOptions(Optional.ofNullable(r.getString(10)), t)),
        r.getLong(12),
        r.getObject(13, OffsetDateTime.class).toInstant(),
        r.getObject(14, OffsetDateTime.class).toInstant());
  }
}
