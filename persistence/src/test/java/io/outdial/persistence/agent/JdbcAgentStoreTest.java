package io.outdial.persistence.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.agent.AgentConfig;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.CampaignSetup;
import io.outdial.persistence.dialing.DialableCampaign;
import io.outdial.persistence.dialing.JdbcContactClaims;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AgentStore} on a real PostgreSQL, and how the dialer's campaign setup
 * reads a campaign's agent. Every test uses clients of its own.
 */
class JdbcAgentStoreTest {
  private final PlainTransactor tx = new PlainTransactor(TestDatabase.dataSource());
  private final AgentStore agents = new JdbcAgentStore(tx);
  private final JdbcContactClaims claims = new JdbcContactClaims(tx);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private static ClientId client() {
    return ClientId.of("agents-" + UUID.randomUUID());
  }

  private static AgentConfig config(String greeting) {
    return new AgentConfig(
        "Recruiter",
        Voice.LEO,
        "You are a recruiter.",
        Optional.of(greeting),
        Optional.of("Please call us back."),
        FirstMessageMode.ASSISTANT_WAITS_FOR_USER,
        new AnalysisPlan(
            true,
            List.of(
                DataField.of("f", "interested", "boolean", "Whether they are interested", null),
                DataField.of("f", "shift", "string", null, List.of("day", "night"))),
            Optional.of("The callee agreed to a follow-up")),
        new LlmOptions(Optional.of("gpt-x"), Optional.of(0.3)));
  }

  @Test
  void aCreatedAgentIsFoundWithEverythingItWasGiven() {
    ClientId acme = client();
    AgentId id = AgentId.random();
    AgentRecord created = agents.create(acme, id, config("Hello from Acme."), now);

    assertThat(created.revision()).isEqualTo(1);
    assertThat(created.createdAt()).isEqualTo(now);
    assertThat(created.updatedAt()).isEqualTo(now);
    assertThat(created.config()).isEqualTo(config("Hello from Acme."));
    assertThat(agents.find(acme, id)).contains(created);
  }

  @Test
  void anAgentWithoutOptionsKeepsThemAbsent() {
    ClientId acme = client();
    AgentConfig bare =
        new AgentConfig(
            "Bare",
            Voice.TARA,
            "Prompt",
            Optional.empty(),
            Optional.empty(),
            FirstMessageMode.DEFAULT,
            AnalysisPlan.DEFAULT,
            LlmOptions.NONE);
    AgentId id = AgentId.random();
    agents.create(acme, id, bare, now);
    assertThat(agents.find(acme, id).orElseThrow().config()).isEqualTo(bare);
  }

  @Test
  void anotherClientsAgentIsNotFoundNotChangedAndNotDeleted() {
    ClientId acme = client();
    ClientId other = client();
    AgentId id = AgentId.random();
    agents.create(acme, id, config("Hello."), now);

    assertThat(agents.find(other, id)).isEmpty();
    assertThat(agents.update(other, id, config("Changed."), now)).isEmpty();
    assertThat(agents.delete(other, id)).isEqualTo(new AgentDeletion.NotFound());
    assertThat(agents.list(other, 10, 0).total()).isZero();
    assertThat(agents.find(acme, id).orElseThrow().config().greetingText()).contains("Hello.");
  }

  @Test
  void anUpdateReplacesTheConfigurationAndCountsARevision() {
    ClientId acme = client();
    AgentId id = AgentId.random();
    agents.create(acme, id, config("First."), now);

    AgentRecord updated =
        agents.update(acme, id, config("Second."), now.plusSeconds(5)).orElseThrow();

    assertThat(updated.revision()).isEqualTo(2);
    assertThat(updated.config().greetingText()).contains("Second.");
    assertThat(updated.createdAt()).isEqualTo(now);
    assertThat(updated.updatedAt()).isEqualTo(now.plusSeconds(5));
    assertThat(agents.find(acme, id)).contains(updated);
  }

  @Test
  void theListIsOldestFirstAndPaged() {
    ClientId acme = client();
    AgentId first = AgentId.random();
    AgentId second = AgentId.random();
    AgentId third = AgentId.random();
    agents.create(acme, second, config("b"), now.plusSeconds(1));
    agents.create(acme, first, config("a"), now);
    agents.create(acme, third, config("c"), now.plusSeconds(2));

    Page<AgentRecord> all = agents.list(acme, 10, 0);
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.items()).extracting(AgentRecord::id).containsExactly(first, second, third);
    Page<AgentRecord> page = agents.list(acme, 1, 1);
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items()).extracting(AgentRecord::id).containsExactly(second);
  }

  @Test
  void anAgentInUseIsNotDeletedUntilItsCampaignsAre() throws SQLException {
    ClientId acme = client();
    AgentId id = AgentId.random();
    agents.create(acme, id, config("Hello."), now);
    CampaignId campaign = campaign(acme, id);

    assertThat(agents.delete(acme, id)).isEqualTo(new AgentDeletion.InUse(1));
    assertThat(agents.find(acme, id)).isPresent();

    sql("update campaign set deleted_at = now() where id = ?", campaign.value());
    assertThat(agents.delete(acme, id)).isEqualTo(new AgentDeletion.Deleted());
    assertThat(agents.find(acme, id)).isEmpty();
    assertThat(agents.delete(acme, id)).isEqualTo(new AgentDeletion.NotFound());
  }

  @Test
  void aDeleteWaitsForACampaignBeingCreatedWithTheAgentAndThenRefuses() throws Exception {
    ClientId acme = client();
    AgentId id = AgentId.random();
    agents.create(acme, id, config("Hello."), now);
    CampaignId campaign = CampaignId.random();
    CompletableFuture<AgentDeletion> deletion;
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      c.setAutoCommit(false);
      // what CampaignStore.create does: share-lock the agent, insert the campaign
      try (PreparedStatement s =
          c.prepareStatement("select id from agent where id = ? and client_id = ? for share")) {
        s.setString(1, id.value());
        s.setString(2, acme.value());
        s.executeQuery().close();
      }
      insertCampaign(c, acme, campaign, id);
      deletion = CompletableFuture.supplyAsync(() -> agents.delete(acme, id));
      assertThat(deletion).as("the delete waits for the creating transaction").isNotCompleted();
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(deletion.get(30, TimeUnit.SECONDS)).isEqualTo(new AgentDeletion.InUse(1));
  }

  @Test
  void theDialerReadsTheAgentsCurrentTextsAndRevision() throws SQLException {
    ClientId acme = client();
    AgentId id = AgentId.random();
    agents.create(acme, id, config("First greeting."), now);
    CampaignId campaign = campaign(acme, id);

    CampaignSetup setup = claims.setup(campaign).orElseThrow();
    assertThat(setup.greetingText()).contains("First greeting.");
    assertThat(setup.voicemailText()).contains("Please call us back.");
    assertThat(setup.systemPrompt()).isEqualTo("You are a recruiter.");
    assertThat(setup.voice()).isEqualTo(Voice.LEO);
    assertThat(setup.agentRevision()).isEqualTo(1);
    assertThat(setup.firstMessage()).isEqualTo(FirstMessageMode.ASSISTANT_WAITS_FOR_USER);
    assertThat(setup.llm()).isEqualTo(new LlmOptions(Optional.of("gpt-x"), Optional.of(0.3)));
    assertThat(dialable(campaign).agentRevision()).isEqualTo(1);

    AgentConfig noGreeting =
        new AgentConfig(
            "Recruiter",
            Voice.ZOE,
            "A new prompt.",
            Optional.empty(),
            Optional.empty(),
            FirstMessageMode.DEFAULT,
            AnalysisPlan.DEFAULT,
            LlmOptions.NONE);
    agents.update(acme, id, noGreeting, now);

    assertThat(dialable(campaign).agentRevision()).isEqualTo(2);
    CampaignSetup changed = claims.setup(campaign).orElseThrow();
    assertThat(changed.systemPrompt()).isEqualTo("A new prompt.");
    assertThat(changed.voice()).isEqualTo(Voice.ZOE);
    assertThat(changed.greetingText())
        .as("the agent's missing greeting, not the campaign's copy")
        .isEmpty();
    assertThat(changed.voicemailText()).isEmpty();
    assertThat(changed.agentRevision()).isEqualTo(2);
    assertThat(changed.firstMessage()).isEqualTo(FirstMessageMode.ASSISTANT_SPEAKS_FIRST);
    assertThat(changed.llm()).isEqualTo(LlmOptions.NONE);
  }

  @Test
  void aCampaignWithoutAnAgentKeepsItsOwnTextsAndRevisionZero() throws SQLException {
    ClientId acme = client();
    CampaignId campaign = CampaignId.random();
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      insertCampaign(c, acme, campaign, null);
    }
    CampaignSetup setup = claims.setup(campaign).orElseThrow();
    assertThat(setup.systemPrompt()).isEqualTo("Own prompt");
    assertThat(setup.greetingText()).contains("Own greeting");
    assertThat(setup.agentRevision()).isZero();
    assertThat(setup.firstMessage()).isEqualTo(FirstMessageMode.DEFAULT);
    assertThat(setup.llm()).isEqualTo(LlmOptions.NONE);
    assertThat(dialable(campaign).agentRevision()).isZero();
  }

  private DialableCampaign dialable(CampaignId campaign) {
    return claims.dialable(now, 10).stream()
        .filter(d -> d.id().equals(campaign))
        .findFirst()
        .orElseThrow();
  }

  private CampaignId campaign(ClientId client, AgentId agent) throws SQLException {
    CampaignId id = CampaignId.random();
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      insertCampaign(c, client, id, agent);
    }
    return id;
  }

  /** A campaign as CampaignStore writes one: with an agent, a copy of its texts at creation. */
  private void insertCampaign(Connection c, ClientId client, CampaignId id, AgentId agent)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
                + " max_concurrent, priority, greeting_text, voicemail_text, status, created_at,"
                + " agent_id) values (?, ?, 'Agent test', 'tara', 'Own prompt', '+15551234567',"
                + " 5, 5, 'Own greeting', 'Own voicemail', ?, ?, ?)")) {
      s.setString(1, id.value());
      s.setString(2, client.value());
      s.setString(3, CampaignStatus.QUEUED.wireName());
      s.setTimestamp(4, Timestamp.from(now));
      s.setString(5, agent == null ? null : agent.value());
      s.executeUpdate();
    }
  }

  private static void sql(String statement, String parameter) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, parameter);
      s.executeUpdate();
    }
  }
}
