import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The floors of the dialer benchmark ({@code bench/dialer-throughput.sh}): two claim-and-complete
 * loops on the dialer run's database, with nothing of Outdial in between.
 *
 * <p><b>{@code bare}</b>: a bare {@code FOR UPDATE SKIP LOCKED} loop over a plain table. Each
 * worker thread, on its own connection, repeats: transaction 1, {@code select id ... where status =
 * 'pending' order by id limit N for update skip locked} and {@code update ... set status =
 * 'dialing' where id = any(...)}; transaction 2, {@code update ... set status = 'done'}; until no
 * pending row is left. The table {@code bench_queue(id bigserial, campaign int, status text)} with
 * a partial index on its pending rows is dropped and refilled before every configuration.
 *
 * <p><b>{@code record}</b>: the same database work as the dialer's calls, without the dialer, on
 * Outdial's own tables after a dialer run, with the statements the dialing ports ({@code JdbcContactClaims}, {@code JdbcCallOutcomes}) use:
 *
 * <ol>
 *   <li>claim (one transaction): lock the campaign row, select up to N due contacts of it with
 *       {@code FOR UPDATE SKIP LOCKED} (contact fields included), look their phones up in the
 *       do-not-call list, mark them dialing, insert their call rows from arrays, count them on the
 *       campaign;
 *   <li>outcome (one transaction): end the call rows from arrays with a disposition, transcript and
 *       intents sampled from the dialer run's own records, make the contacts final, add to the
 *       campaign's counters and the client's monthly usage.
 * </ol>
 *
 * Each worker takes every THREADS-th campaign and claims from them in turn until none has a due
 * contact. Before every configuration the calls and usage are deleted and the contacts and
 * campaign counters reset. The campaigns are paused and the loop's calls carry a lease that never
 * runs out, so that an Outdial server still running on the database neither dials them nor closes
 * the loop's calls.
 *
 * <p>Run as a single-file program with the PostgreSQL driver on the class path:
 *
 * <pre>
 * java -cp postgresql.jar bench/FloorLoops.java bare URL USER PASSWORD ROWS CAMPAIGNS THREADS BATCHES
 * java -cp postgresql.jar bench/FloorLoops.java record URL USER PASSWORD THREADS BATCHES
 * </pre>
 *
 * where {@code THREADS} and {@code BATCHES} are comma-separated lists: every pair is measured in
 * turn, each from the same starting state. One line per pair ({@code threads batch rows seconds
 * rows_per_s}), then the best pair as {@code best ...}.
 */
public final class FloorLoops {
  private FloorLoops() {}

  /** One worker's loop on its own connection (autocommit off). */
  private interface Worker {
    void work(Connection c) throws Exception;
  }

  /** A floor: puts the database in its starting state, makes the workers, checks the result. */
  private interface Loop {
    /** Returns the number of rows the run will complete. */
    long prepare() throws SQLException;

    List<Worker> workers(int threads, int batch) throws SQLException;

    void check(long rows) throws SQLException;
  }

  public static void main(String[] args) throws Exception {
    String usage =
        "usage: FloorLoops bare URL USER PASSWORD ROWS CAMPAIGNS THREADS(a,b,..) BATCHES(a,b,..)\n"
            + "       FloorLoops record URL USER PASSWORD THREADS(a,b,..) BATCHES(a,b,..)";
    Loop loop = null;
    int lists = 0;
    if (args.length == 8 && args[0].equals("bare")) {
      loop = bare(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
      lists = 6;
    } else if (args.length == 6 && args[0].equals("record")) {
      loop = record(args[1], args[2], args[3]);
      lists = 4;
    }
    if (loop == null) {
      System.err.println(usage);
      System.exit(2);
      return;
    }
    double bestRate = 0;
    String best = "";
    for (String t : args[lists].split(",")) {
      for (String b : args[lists + 1].split(",")) {
        int threads = Integer.parseInt(t.strip());
        int batch = Integer.parseInt(b.strip());
        long rows = loop.prepare();
        double seconds = run(args[1], args[2], args[3], loop.workers(threads, batch));
        loop.check(rows);
        double rate = rows / seconds;
        String line =
            String.format(
                Locale.ROOT, "%d %d %d %.3f %.0f", threads, batch, rows, seconds, rate);
        System.out.println(line);
        if (rate > bestRate) {
          bestRate = rate;
          best = line;
        }
      }
    }
    System.out.println("best " + best);
  }

  /** Runs each worker on a connection of its own until all are done; wall seconds. */
  private static double run(String url, String user, String password, List<Worker> workers)
      throws Exception {
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Connection c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
      connections.add(c);
    }
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Connection c = connections.get(i);
      Worker worker = workers.get(i);
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  worker.work(c);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      t.start();
      threads.add(t);
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long t1 = System.nanoTime();
    for (Connection c : connections) {
      c.close();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a worker failed", failure.get());
    }
    return (t1 - t0) / 1e9;
  }

  // ---------------------------------------------------------------- bare

  private static Loop bare(String url, String user, String password, int rows, int campaigns) {
    return new Loop() {
      @Override
      public long prepare() throws SQLException {
        fill(url, user, password, rows, campaigns);
        return rows;
      }

      @Override
      public List<Worker> workers(int threads, int batch) {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          workers.add(c -> bareWork(c, batch));
        }
        return workers;
      }

      @Override
      public void check(long done) throws SQLException {
        bareCheck(url, user, password, done);
      }
    };
  }

  /** A fresh table of {@code rows} pending rows spread over {@code campaigns}, vacuumed. */
  private static void fill(String url, String user, String password, int rows, int campaigns)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("drop table if exists bench_queue");
      s.execute(
          "create table bench_queue (id bigserial primary key, campaign int not null,"
              + " status text not null)");
      s.execute(
          "insert into bench_queue (campaign, status) select i % "
              + campaigns
              + ", 'pending' from generate_series(0, "
              + (rows - 1)
              + ") i");
      s.execute("create index bench_queue_pending on bench_queue (id) where status = 'pending'");
      s.execute("vacuum analyze bench_queue");
      s.execute("checkpoint");
    }
  }

  private static void bareWork(Connection c, int batch) throws SQLException {
    try (PreparedStatement claim =
            c.prepareStatement(
                "select id from bench_queue where status = 'pending' order by id limit ?"
                    + " for update skip locked");
        PreparedStatement dialing =
            c.prepareStatement("update bench_queue set status = 'dialing' where id = any(?)");
        PreparedStatement done =
            c.prepareStatement("update bench_queue set status = 'done' where id = any(?)")) {
      claim.setInt(1, batch);
      while (true) {
        List<Long> ids = new ArrayList<>(batch);
        try (ResultSet r = claim.executeQuery()) {
          while (r.next()) {
            ids.add(r.getLong(1));
          }
        }
        if (ids.isEmpty()) {
          c.commit();
          return;
        }
        dialing.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        dialing.executeUpdate();
        c.commit();
        done.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        done.executeUpdate();
        c.commit();
      }
    }
  }

  /** Fails unless every row ended done exactly once. */
  private static void bareCheck(String url, String user, String password, long rows)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select count(*) filter (where status = 'done'), count(*) from bench_queue")) {
      r.next();
      if (r.getLong(1) != rows || r.getLong(2) != rows) {
        throw new IllegalStateException(
            "expected " + rows + " rows done, found " + r.getLong(1) + " of " + r.getLong(2));
      }
    }
  }

  // ---------------------------------------------------------------- record

  private static final char[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SERVER = "record-loop";

  /** A finished call of the dialer run, written again for each claimed contact. */
  private record Sample(
      String disposition,
      double durationS,
      String transcript,
      String intents,
      String answeredBy,
      String endReason,
      String errorReason,
      boolean human,
      boolean voicemail) {}

  private static Loop record(String url, String user, String password) throws SQLException {
    List<Sample> samples = samples(url, user, password);
    return new Loop() {
      @Override
      public long prepare() throws SQLException {
        return reset(url, user, password);
      }

      @Override
      public List<Worker> workers(int threads, int batch) throws SQLException {
        List<Deque<String[]>> shares = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          shares.add(new ArrayDeque<>());
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
            Statement s = c.createStatement();
            ResultSet r = s.executeQuery("select id, client_id from campaign order by id")) {
          for (int i = 0; r.next(); i++) {
            shares.get(i % threads).add(new String[] {r.getString(1), r.getString(2)});
          }
        }
        List<Worker> workers = new ArrayList<>();
        for (Deque<String[]> share : shares) {
          workers.add(c -> recordWork(c, share, batch, samples));
        }
        return workers;
      }

      @Override
      public void check(long contacts) throws SQLException {
        recordCheck(url, user, password, contacts);
      }
    };
  }

  /** Up to 1 000 finished calls of the dialer run, in random order. */
  private static List<Sample> samples(String url, String user, String password)
      throws SQLException {
    List<Sample> samples = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select disposition, coalesce(duration_s, 0), transcript::text, intents::text,"
                    + " answered_by, end_reason, error_reason from call"
                    + " where ended_at is not null order by random() limit 1000")) {
      while (r.next()) {
        String disposition = r.getString(1);
        samples.add(
            new Sample(
                disposition,
                r.getDouble(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                disposition.startsWith("human_")
                    || disposition.equals("callback_requested")
                    || disposition.equals("do_not_call")
                    || disposition.equals("wrong_number"),
                disposition.equals("voicemail")));
      }
    }
    if (samples.isEmpty()) {
      throw new IllegalStateException("no finished call to sample: run the dialer first");
    }
    return samples;
  }

  /** Every contact due again, no call, no usage, counters at zero; returns the contacts. */
  private static long reset(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("delete from call");
      s.execute("delete from client_usage");
      s.execute(
          "update contact set status = 'pending', attempts = 0, last_disposition = null,"
              + " next_attempt_at = '2026-01-01T00:00:00Z'");
      s.execute(
          // paused: the Outdial server still running on this database leaves them alone
          "update campaign set status = 'paused', started_at = null, ended_at = null,"
              + " in_flight = 0, calls_placed = 0, human_answers = 0, voicemails = 0, errors = 0,"
              + " no_answer = 0, talk_seconds = 0");
      // a lease that never runs out, so that the server does not close these calls as lost
      s.execute(
          "insert into dialer_server (id, host, started_at, heartbeat_at) values ('"
              + SERVER
              + "', 'bench', now(), 'infinity') on conflict (id) do update"
              + " set heartbeat_at = 'infinity'");
      s.execute("vacuum analyze contact");
      s.execute("vacuum analyze call");
      s.execute("vacuum analyze campaign");
      s.execute("checkpoint");
      try (ResultSet r = s.executeQuery("select count(*) from contact")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Claims from each campaign of {@code share} in turn, dropping those with nothing due. */
  private static void recordWork(
      Connection c, Deque<String[]> share, int batch, List<Sample> samples) throws SQLException {
    try (Statements s = new Statements(c)) {
      while (!share.isEmpty()) {
        String[] campaign = share.poll();
        List<Long> contacts = claim(c, s, campaign[0], campaign[1], batch);
        if (contacts.isEmpty()) {
          continue;
        }
        share.add(campaign);
        complete(c, s, campaign[0], campaign[1], contacts, samples);
      }
    }
  }

  private static List<Long> claim(
      Connection c, Statements s, String campaign, String client, int batch) throws SQLException {
    Instant now = Instant.now();
    s.lockCampaign.setString(1, campaign);
    s.lockCampaign.executeQuery().close();
    s.due.setString(1, campaign);
    s.due.setTimestamp(2, Timestamp.from(now));
    s.due.setInt(3, batch);
    List<Long> ids = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    try (ResultSet r = s.due.executeQuery()) {
      while (r.next()) {
        ids.add(r.getLong(1));
        phones.add(r.getString(2));
      }
    }
    if (ids.isEmpty()) {
      c.commit();
      return ids;
    }
    String[] clients = new String[ids.size()];
    java.util.Arrays.fill(clients, client);
    s.doNotCall.setArray(1, c.createArrayOf("varchar", clients));
    s.doNotCall.setArray(2, c.createArrayOf("varchar", phones.toArray()));
    s.doNotCall.executeQuery().close();
    Array contactArray = c.createArrayOf("int8", ids.toArray());
    s.dialing.setArray(1, contactArray);
    s.dialing.executeUpdate();
    String[] callIds = new String[ids.size()];
    String[] campaigns = new String[ids.size()];
    Integer[] attempts = new Integer[ids.size()];
    for (int i = 0; i < callIds.length; i++) {
      callIds[i] = callId();
      campaigns[i] = campaign;
      attempts[i] = 1;
    }
    s.insertCalls.setTimestamp(1, Timestamp.from(now));
    s.insertCalls.setString(2, SERVER);
    s.insertCalls.setArray(3, c.createArrayOf("varchar", callIds));
    s.insertCalls.setArray(4, c.createArrayOf("varchar", campaigns));
    s.insertCalls.setArray(5, c.createArrayOf("varchar", clients));
    s.insertCalls.setArray(6, contactArray);
    s.insertCalls.setArray(7, c.createArrayOf("int4", attempts));
    s.insertCalls.executeUpdate();
    s.placed.setInt(1, ids.size());
    s.placed.setInt(2, ids.size());
    s.placed.setTimestamp(3, Timestamp.from(now));
    s.placed.setString(4, campaign);
    s.placed.executeUpdate();
    c.commit();
    s.lastCalls = callIds;
    return ids;
  }

  private static void complete(
      Connection c,
      Statements s,
      String campaign,
      String client,
      List<Long> contacts,
      List<Sample> samples)
      throws SQLException {
    int n = contacts.size();
    String[] dispositions = new String[n];
    Double[] durations = new Double[n];
    String[] transcripts = new String[n];
    String[] intents = new String[n];
    String[] errors = new String[n];
    Timestamp[] ended = new Timestamp[n];
    String[] answeredBy = new String[n];
    String[] endReasons = new String[n];
    String[] statuses = new String[n];
    int humans = 0;
    int voicemails = 0;
    double seconds = 0;
    Timestamp now = Timestamp.from(Instant.now());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < n; i++) {
      Sample sample = samples.get(random.nextInt(samples.size()));
      dispositions[i] = sample.disposition();
      durations[i] = sample.durationS();
      transcripts[i] = sample.transcript();
      intents[i] = sample.intents();
      errors[i] = sample.errorReason();
      ended[i] = now;
      answeredBy[i] = sample.answeredBy();
      endReasons[i] = sample.endReason();
      statuses[i] = "done";
      humans += sample.human() ? 1 : 0;
      voicemails += sample.voicemail() ? 1 : 0;
      seconds += sample.durationS();
    }
    s.endCalls.setArray(1, c.createArrayOf("varchar", s.lastCalls));
    s.endCalls.setArray(2, c.createArrayOf("varchar", dispositions));
    s.endCalls.setArray(3, c.createArrayOf("float8", durations));
    s.endCalls.setArray(4, c.createArrayOf("text", transcripts));
    s.endCalls.setArray(5, c.createArrayOf("text", intents));
    s.endCalls.setArray(6, c.createArrayOf("text", errors));
    s.endCalls.setArray(7, c.createArrayOf("timestamptz", ended));
    s.endCalls.setArray(8, c.createArrayOf("varchar", answeredBy));
    s.endCalls.setArray(9, c.createArrayOf("varchar", endReasons));
    s.endCalls.executeQuery().close();
    s.endContacts.setArray(1, c.createArrayOf("int8", contacts.toArray()));
    s.endContacts.setArray(2, c.createArrayOf("varchar", statuses));
    s.endContacts.setArray(3, c.createArrayOf("varchar", dispositions));
    s.endContacts.executeUpdate();
    s.counters.setInt(1, n);
    s.counters.setInt(2, humans);
    s.counters.setInt(3, voicemails);
    s.counters.setDouble(4, seconds);
    s.counters.setString(5, campaign);
    s.counters.executeUpdate();
    s.usage.setString(1, client);
    s.usage.setString(2, YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).toString());
    s.usage.setInt(3, n);
    s.usage.setDouble(4, seconds);
    s.usage.setInt(5, humans);
    s.usage.setInt(6, voicemails);
    s.usage.executeUpdate();
    c.commit();
  }

  private static String callId() {
    char[] out = new char[24];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return "call_" + new String(out);
  }

  /** One worker's prepared statements (the calls of its last claim ride along). */
  private static final class Statements implements AutoCloseable {
    final PreparedStatement lockCampaign;
    final PreparedStatement due;
    final PreparedStatement doNotCall;
    final PreparedStatement dialing;
    final PreparedStatement insertCalls;
    final PreparedStatement placed;
    final PreparedStatement endCalls;
    final PreparedStatement endContacts;
    final PreparedStatement counters;
    final PreparedStatement usage;
    String[] lastCalls;

    Statements(Connection c) throws SQLException {
      lockCampaign = c.prepareStatement("select id from campaign where id = ? for update");
      due =
          c.prepareStatement(
              "select id, phone, first_name, last_name, email, company, title, variables::text,"
                  + " attempts from contact where campaign_id = ? and status = 'pending'"
                  + " and next_attempt_at <= ? order by next_attempt_at, id limit ?"
                  + " for update skip locked");
      doNotCall =
          c.prepareStatement(
              "select d.phone from do_not_call d"
                  + " join unnest(?::varchar[], ?::varchar[]) as w(client_id, phone)"
                  + " on d.client_id = w.client_id and d.phone = w.phone");
      dialing =
          c.prepareStatement(
              "update contact set status = 'dialing', attempts = attempts + 1 where id = any(?)");
      insertCalls =
          c.prepareStatement(
              "insert into call (id, campaign_id, client_id, contact_id, attempt, started_at,"
                  + " server_id) select u.*, ?::timestamptz, ?::varchar from unnest(?::varchar[],"
                  + " ?::varchar[], ?::varchar[], ?::bigint[], ?::int[])"
                  + " as u(id, campaign_id, client_id, contact_id, attempt)");
      placed =
          c.prepareStatement(
              "update campaign set in_flight = in_flight + ?, calls_placed = calls_placed + ?,"
                  + " status = case when status = 'queued' then 'active' else status end,"
                  + " started_at = coalesce(started_at, ?) where id = ?");
      endCalls =
          c.prepareStatement(
              "update call k set disposition = u.disposition, duration_s = u.duration_s,"
                  + " transcript = u.transcript::jsonb, intents = u.intents::jsonb,"
                  + " error_reason = u.error_reason, ended_at = u.ended_at,"
                  + " answered_by = u.answered_by, end_reason = u.end_reason"
                  + " from unnest(?::varchar[], ?::varchar[], ?::float8[], ?::text[], ?::text[],"
                  + " ?::text[], ?::timestamptz[], ?::varchar[], ?::varchar[])"
                  + " as u(id, disposition, duration_s, transcript, intents, error_reason,"
                  + " ended_at, answered_by, end_reason)"
                  + " where k.id = u.id and k.ended_at is null returning k.id");
      endContacts =
          c.prepareStatement(
              "update contact t set status = case when t.status = 'cancelled' or exists (select 1"
                  + " from campaign c where c.id = t.campaign_id and c.deleted_at is not null)"
                  + " then 'cancelled' else u.status end, last_disposition = u.disposition"
                  + " from unnest(?::bigint[], ?::varchar[], ?::varchar[])"
                  + " as u(id, status, disposition) where t.id = u.id");
      counters =
          c.prepareStatement(
              "update campaign set in_flight = greatest(in_flight - ?, 0),"
                  + " human_answers = human_answers + ?, voicemails = voicemails + ?,"
                  + " talk_seconds = talk_seconds + ? where id = ?");
      usage =
          c.prepareStatement(
              "insert into client_usage (client_id, period, total_calls, total_seconds,"
                  + " human_answers, voicemails_dropped) values (?, ?, ?, ?, ?, ?)"
                  + " on conflict (client_id, period) do update set"
                  + " total_calls = client_usage.total_calls + excluded.total_calls,"
                  + " total_seconds = client_usage.total_seconds + excluded.total_seconds,"
                  + " human_answers = client_usage.human_answers + excluded.human_answers,"
                  + " voicemails_dropped ="
                  + " client_usage.voicemails_dropped + excluded.voicemails_dropped");
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s :
          List.of(
              lockCampaign,
              due,
              doNotCall,
              dialing,
              insertCalls,
              placed,
              endCalls,
              endContacts,
              counters,
              usage)) {
        s.close();
      }
    }
  }

  /** Fails unless every contact has exactly one ended call. */
  private static void recordCheck(String url, String user, String password, long rows)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select (select count(*) from call where ended_at is not null),"
                    + " (select count(distinct contact_id) from call),"
                    + " (select count(*) from contact where status <> 'done')")) {
      r.next();
      if (r.getLong(1) != rows || r.getLong(2) != rows || r.getLong(3) != 0) {
        throw new IllegalStateException(
            "expected "
                + rows
                + " ended calls, one per contact, every contact done; found "
                + r.getLong(1)
                + " calls of "
                + r.getLong(2)
                + " contacts, "
                + r.getLong(3)
                + " contacts not done");
      }
    }
  }
}
