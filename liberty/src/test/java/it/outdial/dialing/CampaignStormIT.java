package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.stats.CampaignStats;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Audit;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.DialingInvariants;
import it.outdial.support.DialingInvariants.CallSums;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A campaign storm: several clients pause, resume, delete, fill and create campaigns at random
 * while their calls run, on one server and then on two servers sharing the database. Once every
 * campaign left has completed, the call and contact records must show that no tenant's action
 * touched another's calls, that caps held and nothing was dialed while paused or after a delete,
 * and that stats, audit and usage tell exactly the story of the call records.
 *
 * <p>Size of each run: 3 clients, each with 3-4 campaigns at the start (priority 1-10,
 * max_concurrent 1-5, 2-21 contacts drawn from the simulator's mix and its fixed-fate test
 * numbers), then 20 operations per client (60 in all, the clients in parallel, each operation sent
 * to any of the servers): pause 30 %, resume 25 %, upload 1-6 contacts 20 %, create a campaign 12
 * %, delete 13 % (at least one and at most two deletes per client, and at least two campaigns
 * left), with 50-750 ms between two operations of a client. Calls last one to three seconds (the
 * simulator at 1/10 of real time), retries follow half a second later. A run places 250-400 calls
 * over 15-21 campaigns: about 10 s of operations, 15-40 s until every campaign completed, 10 s of
 * checks. The class took 3.5-4.5 minutes on 2 shared cores, most of it starting the two servers
 * (30-60 s each there).
 *
 * <p>The driver's choices come from a {@link Random} seeded by the system property {@code
 * outdial.storm.seed} (random when absent). The seed is printed at the start and in every failure:
 * {@code -Doutdial.storm.seed=<seed>} replays the same plan of operations, contacts and delays (the
 * server's timing, and so the answers the plan meets, may differ). Every invariant is checked even
 * when an earlier one failed, and a failure lists the operations as they were sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignStormIT {
  private static final long SEED = seed();
  private static final int CLIENTS = 3;
  private static final int OPERATIONS_PER_CLIENT = 20;
  private static final List<String> AREAS =
      List.of("212", "213", "312", "415", "503", "617", "646", "702", "718", "305");

  private static TestServer first;
  private static TestServer second;

  private static long seed() {
    String given = System.getProperty("outdial.storm.seed");
    return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given);
  }

  @BeforeAll
  static void start() {
    System.out.println(
        "CampaignStormIT seed " + SEED + " (replay with -Doutdial.storm.seed=" + SEED + ")");
    first = TestServer.isolatedWithAdminKey("outdial-storm-a");
    stormSettings(first);
    first.start();
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    first.close();
  }

  /**
   * The dialing servers' settings at 1/10 of real time, with rate limits no storm reaches; the
   * lease is longer than the other dialing tests' so that a machine starved of CPU does not fence a
   * server in the middle of the storm.
   */
  private static void stormSettings(TestServer server) {
    TestServer.dialingSettings(server)
        .with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "0.1")
        .with("OUTDIAL_DIALER_LEASE_SECONDS", "10")
        .with("OUTDIAL_RATE_LIMIT_UPLOADS", "100000");
  }

  @Test
  @Order(1)
  void aStormOnOneServerKeepsEveryTenantsCallsAndCountsIntact() {
    new Storm(SEED, List.of(first)).play();
  }

  @Test
  @Order(2)
  void aStormOnTwoServersKeepsEveryTenantsCallsAndCountsIntact() {
    second = TestServer.joining("outdial-storm-b", first);
    second.start();
    new Storm(SEED, List.of(first, second)).play();
  }

  /** One run of the storm against these servers (all on one database). */
  private static final class Storm {
    private final long seed;
    private final List<TestServer> servers;
    private final TestServer database;
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> tally = Collections.synchronizedMap(new TreeMap<>());
    private final long began = System.nanoTime();
    private SoftAssertions softly;

    Storm(long seed, List<TestServer> servers) {
      this.seed = seed;
      this.servers = servers;
      this.database = servers.get(0);
    }

    /** Plays the storm, waits for the end and checks every invariant; failures name the seed. */
    void play() {
      try {
        setUp();
        long storm = System.nanoTime();
        operate();
        long settle = System.nanoTime();
        settle();
        long check = System.nanoTime();
        check();
        System.out.printf(
            "CampaignStormIT seed %d on %d server(s): %s; %d campaigns (%d deleted), %d calls;"
                + " set-up %.1f s, operations %.1f s, until completed %.1f s, checks %.1f s%n",
            seed,
            servers.size(),
            tally,
            campaigns().size(),
            campaigns().stream().filter(c -> c.deleted).count(),
            Database.number(
                database, "select count(*) from call where campaign_id = any(?)", ids(campaigns())),
            (storm - began) / 1e9,
            (settle - storm) / 1e9,
            (check - settle) / 1e9,
            (System.nanoTime() - check) / 1e9);
      } catch (Throwable failure) {
        throw new AssertionError(
            "Campaign storm with seed "
                + seed
                + " on "
                + servers.size()
                + " server(s) failed (replay with -Doutdial.storm.seed="
                + seed
                + "): "
                + failure.getMessage()
                + "\nOperations:\n"
                + String.join("\n", journal),
            failure);
      }
    }

    private String what(String description, Object... args) {
      return "[storm seed " + seed + "] " + description.formatted(args);
    }

    // ------------------------------------------------------------------------------- the plan

    private void setUp() {
      Random master = new Random(seed);
      for (int i = 0; i < CLIENTS; i++) {
        String client = Clients.newClientId("storm" + i);
        Tenant tenant =
            new Tenant(
                i,
                client,
                Clients.newKey(database, client, "[\"campaigns\", \"audit\"]"),
                new Random(master.nextLong()));
        tenants.add(tenant);
        int campaigns = 3 + tenant.random.nextInt(2);
        for (int c = 0; c < campaigns; c++) {
          tenant.create();
        }
      }
    }

    private void operate() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(tenants.size());
      try {
        List<Future<?>> runs = new ArrayList<>();
        for (Tenant tenant : tenants) {
          runs.add(
              pool.submit(
                  () -> {
                    tenant.operate();
                    return null;
                  }));
        }
        for (Future<?> run : runs) {
          run.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    /** Resumes whatever is still paused and waits until every campaign left has completed. */
    private void settle() {
      for (Tenant tenant : tenants) {
        for (Campaign campaign : tenant.live()) {
          if (campaign.pausedSince != null) {
            tenant.resume(campaign);
          }
        }
      }
      List<Campaign> live = campaigns().stream().filter(c -> !c.deleted).toList();
      Api api = database.api();
      await(what("every campaign left completed"))
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  live.stream()
                      .allMatch(
                          c ->
                              stats(api, c.tenant.key, c.id)
                                  .get("status")
                                  .asText()
                                  .equals("completed")));
      await(what("every call hung up or ended"))
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> DialingInvariants.openCalls(database, ids(campaigns())).isEmpty());
    }

    // ------------------------------------------------------------------------------- the checks

    private void check() {
      List<Campaign> all = campaigns();
      List<String> allIds = ids(all);
      List<String> live = ids(all.stream().filter(c -> !c.deleted).toList());
      long calls =
          Database.number(database, "select count(*) from call where campaign_id = any(?)", allIds);

      SoftAssertions softly = new SoftAssertions();
      this.softly = softly;
      // no tenant's pause or delete hangs up the calls of a campaign that was not deleted
      none(
          what("calls of campaigns that were not deleted, hung up as cancelled"),
          DialingInvariants.cancelledCalls(database, live));
      none(
          what("contacts of campaigns that were not deleted, cancelled"),
          DialingInvariants.contactsIn(database, live, List.of("cancelled")));
      none(
          what("contacts of completed campaigns not done, do_not_call or no_calling_window"),
          DialingInvariants.contactsNotIn(
              database, live, List.of("done", "do_not_call", "no_calling_window")));
      none(
          what("contacts (deleted campaigns included) not in a final state"),
          DialingInvariants.contactsNotIn(
              database, allIds, DialingInvariants.FINAL_CONTACT_STATES));

      // caps, contacts and tenants
      none(
          what("calls that started with more calls of their campaign up than max_concurrent"),
          DialingInvariants.capExceeded(database, allIds));
      none(
          what("contacts on two calls at once"),
          DialingInvariants.contactOnTwoCallsAtOnce(database, allIds));
      none(
          what("calls of another tenant or another campaign's contact"),
          DialingInvariants.foreignCalls(database, allIds));

      // nothing starts while paused, nothing after a delete
      for (Campaign campaign : all) {
        for (Instant[] paused : campaign.paused) {
          none(
              what(
                  "calls of %s started between its pause's return (%s) and its resume (%s)",
                  campaign.id, paused[0], paused[1]),
              DialingInvariants.callsStartedBetween(database, campaign.id, paused[0], paused[1]));
        }
        if (campaign.deleted) {
          none(
              what("calls of %s started after its delete returned", campaign.id),
              DialingInvariants.callsStartedBetween(
                  database, campaign.id, campaign.deletedAt, Instant.now()));
        }
      }

      for (Tenant tenant : tenants) {
        Api api = database.api();
        for (Campaign campaign : tenant.campaigns) {
          if (campaign.deleted) {
            softly
                .assertThat(
                    api.get("/api/v1/campaigns/" + campaign.id + "/stats", "X-API-Key", tenant.key)
                        .status())
                .as(what("stats of the deleted campaign %s", campaign.id))
                .isEqualTo(404);
          } else {
            checkCounts(api, tenant, campaign);
          }
        }
        checkUsage(api, tenant);
        checkTenantSeesOnlyItsOwn(api, tenant);
      }
      // and the storm did what it is for: calls, and pauses and deletes while calls were up
      softly.assertThat(calls).as(what("calls placed")).isPositive();
      softly.assertThat(count("pause")).as(what("campaigns paused")).isPositive();
      softly.assertThat(count("delete")).as(what("campaigns deleted")).isPositive();
      softly.assertThat(count("upload")).as(what("uploads")).isPositive();
      softly
          .assertThat(count("create"))
          .as(what("campaigns created during the storm"))
          .isPositive();
      softly
          .assertThat(pausesWithCallsUp())
          .as(what("pauses while the campaign had calls up"))
          .isPositive();

      softly.assertAll();
    }

    /** A soft failure listing the rows (the first ten) when there are any. */
    private void none(String description, List<Map<String, Object>> rows) {
      softly
          .assertThat(rows.size())
          .as(
              description
                  + (rows.isEmpty()
                      ? ""
                      : ": "
                          + rows.size()
                          + (rows.size() > 10 ? ", the first ten" : "")
                          + "\n  "
                          + String.join(
                              "\n  ", rows.stream().limit(10).map(Object::toString).toList())))
          .isZero();
    }

    /** Stats = the call records = the audit trail, for one campaign. */
    private void checkCounts(Api api, Tenant tenant, Campaign campaign) {
      CallSums sums = DialingInvariants.campaignSums(database, campaign.id);
      JsonNode stats = stats(api, tenant.key, campaign.id);
      String of = campaign.id;
      softly
          .assertThat(stats.get("status").asText())
          .as(what("status of %s", of))
          .isEqualTo("completed");
      softly.assertThat(sums.open()).as(what("open calls of %s", of)).isZero();
      softly
          .assertThat(stats.get("calls_placed").asLong())
          .as(what("calls_placed of %s", of))
          .isEqualTo(sums.calls());
      softly
          .assertThat(stats.get("human_answers").asLong())
          .as(what("human_answers of %s", of))
          .isEqualTo(sums.humans());
      softly
          .assertThat(stats.get("voicemails").asLong())
          .as(what("voicemails of %s", of))
          .isEqualTo(sums.voicemails());
      softly
          .assertThat(stats.get("errors").asLong())
          .as(what("errors of %s", of))
          .isEqualTo(sums.errors());
      softly
          .assertThat(stats.get("no_answer").asLong())
          .as(what("no_answer of %s", of))
          .isEqualTo(sums.unreached());
      softly
          .assertThat(stats.get("har_percent").asDouble())
          .as(what("har_percent of %s", of))
          .isEqualTo(CampaignStats.harPercent(sums.humans(), sums.calls()));
      double average =
          sums.calls() == 0 ? 0 : Math.round(sums.seconds() / sums.calls() * 10) / 10.0;
      softly
          .assertThat(stats.get("avg_call_duration_s").asDouble())
          .as(what("avg_call_duration_s of %s", of))
          .isEqualTo(average);
      softly
          .assertThat(
              ((Number)
                      Database.rows(
                              database,
                              "select talk_seconds from campaign where id = ?",
                              campaign.id)
                          .get(0)
                          .get("talk_seconds"))
                  .doubleValue())
          .as(what("talk_seconds of %s against its calls' durations", of))
          .isCloseTo(sums.seconds(), within(1e-6));
      long contacts =
          Database.number(database, "select count(*) from contact where campaign_id = ?", of);
      softly
          .assertThat(stats.get("total_contacts").asLong())
          .as(what("total_contacts of %s", of))
          .isEqualTo(contacts)
          .isEqualTo(campaign.enqueued);
      softly
          .assertThat(stats.get("contacts_enqueued").asLong())
          .as(what("contacts_enqueued of %s", of))
          .isEqualTo(contacts);

      List<JsonNode> audit = Audit.records(api, tenant.key, campaign.id);
      Set<String> auditIds = new HashSet<>();
      audit.forEach(r -> auditIds.add(r.get("call_id").asText()));
      Set<String> callIds = new HashSet<>();
      Database.rows(database, "select id from call where campaign_id = ?", of)
          .forEach(r -> callIds.add((String) r.get("id")));
      softly.assertThat(auditIds).as(what("calls in the audit of %s", of)).isEqualTo(callIds);
      softly
          .assertThat(disposed(audit, DialingInvariants.HUMAN))
          .as(what("human answers in the audit of %s", of))
          .isEqualTo(sums.humans());
      softly
          .assertThat(disposed(audit, List.of("voicemail")))
          .as(what("voicemails in the audit of %s", of))
          .isEqualTo(sums.voicemails());
      softly
          .assertThat(disposed(audit, DialingInvariants.ERRORS))
          .as(what("errors in the audit of %s", of))
          .isEqualTo(sums.errors());
      softly
          .assertThat(disposed(audit, DialingInvariants.UNREACHED))
          .as(what("no answers in the audit of %s", of))
          .isEqualTo(sums.unreached());
      softly
          .assertThat(audit.stream().mapToDouble(r -> r.get("duration_s").asDouble()).sum())
          .as(what("talk time in the audit of %s", of))
          .isCloseTo(sums.seconds(), within(1e-6));
    }

    /** Usage = the sums over all the client's calls (deleted campaigns' too), month by month. */
    private void checkUsage(Api api, Tenant tenant) {
      List<YearMonth> months = DialingInvariants.callMonths(database, tenant.client);
      softly.assertThat(months).as(what("months of %s's calls", tenant.client)).isNotEmpty();
      for (YearMonth month : months) {
        CallSums sums = DialingInvariants.clientSums(database, tenant.client, month);
        Reply reply =
            api.get(
                "/api/v1/clients/" + tenant.client + "/usage?period=" + month,
                "X-API-Key",
                tenant.key);
        softly.assertThat(reply.status()).as(what("usage: %s", reply.body())).isEqualTo(200);
        JsonNode usage = reply.json();
        String of = tenant.client + " in " + month;
        softly
            .assertThat(usage.get("total_calls").asLong())
            .as(what("total_calls of %s", of))
            .isEqualTo(sums.calls());
        softly
            .assertThat(usage.get("human_answers").asLong())
            .as(what("human_answers of %s", of))
            .isEqualTo(sums.humans());
        softly
            .assertThat(usage.get("voicemails_dropped").asLong())
            .as(what("voicemails_dropped of %s", of))
            .isEqualTo(sums.voicemailsLeft());
        softly
            .assertThat(usage.get("total_minutes").asDouble())
            .as(what("total_minutes of %s", of))
            .isEqualTo(Math.round(sums.seconds() / 60.0 * 10) / 10.0);
        softly
            .assertThat(
                ((Number)
                        Database.rows(
                                database,
                                "select total_seconds from client_usage where client_id = ?"
                                    + " and period = ?",
                                tenant.client,
                                month.toString())
                            .get(0)
                            .get("total_seconds"))
                    .doubleValue())
            .as(what("total_seconds of %s against its calls' durations", of))
            .isCloseTo(sums.seconds(), within(1e-6));
        softly
            .assertThat(usage.get("total_campaigns").asLong())
            .as(what("total_campaigns of %s", of))
            .isEqualTo(
                Database.number(
                    database,
                    "select count(*) from campaign where client_id = ?"
                        + " and to_char(created_at at time zone 'UTC', 'YYYY-MM') = ?",
                    tenant.client,
                    month.toString()));
      }
    }

    /**
     * The tenant's audit holds exactly the calls of its own campaigns left; another tenant's
     * campaigns, calls and usage do not exist for its key.
     */
    private void checkTenantSeesOnlyItsOwn(Api api, Tenant tenant) {
      Set<String> own = new HashSet<>(ids(tenant.live()));
      List<JsonNode> audit = Audit.records(api, tenant.key, null);
      Set<String> seen = new HashSet<>();
      audit.forEach(r -> seen.add(r.get("campaign_id").asText()));
      softly
          .assertThat(own)
          .as(what("campaigns in the audit of %s are its own", tenant.client))
          .containsAll(seen);
      softly
          .assertThat((long) audit.size())
          .as(what("calls in the audit of %s", tenant.client))
          .isEqualTo(
              Database.number(
                  database,
                  "select count(*) from call where client_id = ? and campaign_id = any(?)",
                  tenant.client,
                  List.copyOf(own)));
      for (Tenant other : tenants) {
        if (other == tenant) {
          continue;
        }
        Campaign theirs = other.live().get(0);
        String call =
            Database.text(database, "select min(id) from call where campaign_id = ?", theirs.id);
        for (String path :
            List.of(
                "/api/v1/campaigns/" + theirs.id,
                "/api/v1/campaigns/" + theirs.id + "/stats",
                "/api/v1/audit?campaign_id=" + theirs.id,
                "/api/v1/audit/" + call,
                "/api/v1/clients/" + other.client + "/usage")) {
          softly
              .assertThat(api.get(path, "X-API-Key", tenant.key).status())
              .as(what("%s with the key of %s", path, tenant.client))
              .isEqualTo(404);
        }
        Reply pause =
            api.post("/api/v1/campaigns/" + theirs.id + "/pause", "", "X-API-Key", tenant.key);
        softly
            .assertThat(pause.status())
            .as(what("pausing %s with the key of %s", theirs.id, tenant.client))
            .isEqualTo(404);
      }
    }

    /** Pauses that returned while their campaign had a call up. */
    private long pausesWithCallsUp() {
      long pauses = 0;
      for (Campaign campaign : campaigns()) {
        for (Instant[] paused : campaign.paused) {
          if (Database.number(
                  database,
                  "select count(*) from call where campaign_id = ? and started_at < ?"
                      + " and (ended_at is null or ended_at > ?)",
                  campaign.id,
                  paused[0],
                  paused[0])
              > 0) {
            pauses++;
          }
        }
      }
      return pauses;
    }

    private static long disposed(List<JsonNode> audit, List<String> dispositions) {
      return audit.stream()
          .filter(r -> dispositions.contains(r.get("disposition").asText()))
          .count();
    }

    private JsonNode stats(Api api, String key, String campaign) {
      Reply reply = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
      assertThat(reply.status()).as(what("stats of %s: %s", campaign, reply.body())).isEqualTo(200);
      return reply.json();
    }

    private List<Campaign> campaigns() {
      return tenants.stream().flatMap(t -> t.campaigns.stream()).toList();
    }

    private static List<String> ids(List<Campaign> campaigns) {
      return campaigns.stream().map(c -> c.id).toList();
    }

    private int count(String operation) {
      AtomicInteger n = tally.get(operation);
      return n == null ? 0 : n.get();
    }

    private void done(String operation) {
      tally.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    private void log(Tenant tenant, String text) {
      journal.add(
          "%7.3f s  client %d  %s"
              .formatted((System.nanoTime() - began) / 1e9, tenant.index, text));
    }

    /** A campaign as the driver knows it. */
    private static final class Campaign {
      final Tenant tenant;
      final String id;
      long enqueued;
      boolean deleted;
      Instant deletedAt;

      /** When the pause in force returned, or null when the campaign is not paused. */
      Instant pausedSince;

      /** [pause returned, resume sent] of each pause that ended. */
      final List<Instant[]> paused = new ArrayList<>();

      Campaign(Tenant tenant, String id, long enqueued) {
        this.tenant = tenant;
        this.id = id;
        this.enqueued = enqueued;
      }
    }

    /** A client, its key, its campaigns and its own random source: one driver thread. */
    private final class Tenant {
      final int index;
      final String client;
      final String key;
      final Random random;
      final List<Campaign> campaigns = new ArrayList<>();
      int deletes;

      Tenant(int index, String client, String key, Random random) {
        this.index = index;
        this.client = client;
        this.key = key;
        this.random = random;
      }

      List<Campaign> live() {
        return campaigns.stream().filter(c -> !c.deleted).toList();
      }

      void operate() throws InterruptedException {
        for (int i = 0; i < OPERATIONS_PER_CLIENT; i++) {
          // the workload's rhythm, drawn from the seed; nothing waits for a result here
          Thread.sleep(50 + random.nextInt(700));
          int dice = random.nextInt(100);
          boolean mustDelete = deletes == 0 && i == OPERATIONS_PER_CLIENT / 2;
          if (mustDelete || (dice >= 87 && deletes < 2 && live().size() > 2)) {
            delete(pick(live()));
          } else if (dice < 30) {
            List<Campaign> running = live().stream().filter(c -> c.pausedSince == null).toList();
            pause(pick(running.isEmpty() ? live() : running));
          } else if (dice < 55) {
            List<Campaign> paused = live().stream().filter(c -> c.pausedSince != null).toList();
            resume(pick(paused.isEmpty() ? live() : paused));
          } else if (dice < 75) {
            upload(pick(live()));
          } else {
            create();
          }
        }
      }

      private Campaign pick(List<Campaign> from) {
        return from.get(random.nextInt(from.size()));
      }

      private Api server() {
        return servers.get(random.nextInt(servers.size())).api();
      }

      private String phone() {
        String area = AREAS.get(random.nextInt(AREAS.size()));
        // mostly numbers whose fate the simulator draws from its mix, some with a fixed fate
        // (555-0110..0199: interested, not interested, call back, wrong number, stop calling,
        // voicemail, no answer, busy, carrier failure)
        int line = random.nextInt(10) < 7 ? 2000 + random.nextInt(1000) : 110 + random.nextInt(90);
        return "+1" + area + "555" + String.format("%04d", line);
      }

      private List<String> phones(int count) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          phones.add(phone());
        }
        return phones;
      }

      void create() {
        int priority = 1 + random.nextInt(10);
        int maxConcurrent = 1 + random.nextInt(5);
        List<String> phones = phones(maxConcurrent * (2 + random.nextInt(3)) + random.nextInt(2));
        Api api = server();
        Reply reply =
            api.post(
                "/api/v1/campaigns",
                """
                {"client_id": "%s", "name": "Storm", "system_prompt": "You are a recruiter.",
                 "caller_id": "+15551234567", "priority": %d, "max_concurrent": %d,
                 "greeting_text": "Hi, this is Outdial.",
                 "voicemail_text": "Please call us back.", "contacts": %s}
                """
                    .formatted(client, priority, maxConcurrent, Contacts.json(phones)),
                "X-API-Key",
                key);
        assertThat(reply.status()).as(what("create: %s", reply.body())).isEqualTo(201);
        JsonNode created = reply.json();
        Campaign campaign =
            new Campaign(
                this,
                created.get("campaign_id").asText(),
                created.get("contacts_enqueued").asLong());
        campaigns.add(campaign);
        done("create");
        log(
            this,
            "create %s priority %d max_concurrent %d: %d contacts"
                .formatted(campaign.id, priority, maxConcurrent, campaign.enqueued));
      }

      void pause(Campaign campaign) {
        Reply reply =
            server().post("/api/v1/campaigns/" + campaign.id + "/pause", "", "X-API-Key", key);
        Instant returned = Instant.now();
        log(this, "pause %s: %d %s".formatted(campaign.id, reply.status(), reply.body()));
        if (reply.status() == 200) {
          assertThat(reply.json().get("status").asText())
              .as(what("pause of %s", campaign.id))
              .isEqualTo("paused");
          if (campaign.pausedSince == null) {
            campaign.pausedSince = returned;
          }
          done("pause");
        } else {
          // 409: not started yet (queued) or completed
          assertThat(reply.status())
              .as(what("pause of %s: %s", campaign.id, reply.body()))
              .isEqualTo(409);
          done("pause refused");
        }
      }

      void resume(Campaign campaign) {
        Instant sent = Instant.now();
        Reply reply =
            server().post("/api/v1/campaigns/" + campaign.id + "/resume", "", "X-API-Key", key);
        log(this, "resume %s: %d %s".formatted(campaign.id, reply.status(), reply.body()));
        if (reply.status() == 200) {
          assertThat(reply.json().get("status").asText())
              .as(what("resume of %s", campaign.id))
              .isEqualTo("active");
          done("resume");
        } else {
          // 409: not started yet (queued), or completed while paused
          assertThat(reply.status())
              .as(what("resume of %s: %s", campaign.id, reply.body()))
              .isEqualTo(409);
          done("resume refused");
        }
        if (campaign.pausedSince != null) {
          campaign.paused.add(new Instant[] {campaign.pausedSince, sent});
          campaign.pausedSince = null;
        }
      }

      void delete(Campaign campaign) {
        Reply reply = server().delete("/api/v1/campaigns/" + campaign.id, null, "X-API-Key", key);
        Instant returned = Instant.now();
        log(this, "delete %s: %d %s".formatted(campaign.id, reply.status(), reply.body()));
        assertThat(reply.status())
            .as(what("delete of %s: %s", campaign.id, reply.body()))
            .isEqualTo(200);
        if (campaign.pausedSince != null) {
          // paused until it was deleted
          campaign.paused.add(new Instant[] {campaign.pausedSince, returned});
          campaign.pausedSince = null;
        }
        campaign.deleted = true;
        campaign.deletedAt = returned;
        deletes++;
        done("delete");
      }

      void upload(Campaign campaign) {
        List<String> phones = phones(1 + random.nextInt(6));
        Reply reply =
            server()
                .post(
                    "/api/v1/campaigns/" + campaign.id + "/contacts/json",
                    Contacts.json(phones),
                    "X-API-Key",
                    key);
        log(
            this,
            "upload %d to %s: %d %s"
                .formatted(phones.size(), campaign.id, reply.status(), reply.body()));
        if (reply.status() == 200) {
          campaign.enqueued += reply.json().get("uploaded").asLong();
          done("upload");
        } else {
          // 409: the campaign completed
          assertThat(reply.status())
              .as(what("upload to %s: %s", campaign.id, reply.body()))
              .isEqualTo(409);
          done("upload refused");
        }
      }
    }
  }
}
