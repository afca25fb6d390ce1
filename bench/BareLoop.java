import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The floor of the dialer benchmark: a bare claim-and-complete loop with {@code FOR UPDATE SKIP
 * LOCKED} over a plain table, nothing else. Each worker thread, on its own connection, repeats:
 *
 * <ol>
 *   <li>transaction 1: {@code select id ... where status = 'pending' order by id limit N for update
 *       skip locked}, {@code update ... set status = 'dialing' where id = any(...)}, commit;
 *   <li>transaction 2: {@code update ... set status = 'done' where id = any(...)}, commit;
 * </ol>
 *
 * until no pending row is left. The table {@code bench_queue(id bigserial, campaign int, status
 * text)} with a partial index on its pending rows is dropped and refilled before every
 * configuration, so each one starts from the same state.
 *
 * <p>Run as a single-file program with the PostgreSQL driver on the class path:
 *
 * <pre>
 * java -cp postgresql.jar bench/BareLoop.java JDBC_URL USER PASSWORD ROWS CAMPAIGNS THREADS BATCHES
 * </pre>
 *
 * where {@code THREADS} and {@code BATCHES} are comma-separated lists: every pair is measured in
 * turn. One line per pair ({@code threads batch rows seconds rows_per_s}), then the best pair as
 * {@code best ...}.
 */
public final class BareLoop {
  private BareLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: BareLoop JDBC_URL USER PASSWORD ROWS CAMPAIGNS THREADS(a,b,..) BATCHES(a,b,..)");
      System.exit(2);
    }
    String url = args[0];
    String user = args[1];
    String password = args[2];
    int rows = Integer.parseInt(args[3]);
    int campaigns = Integer.parseInt(args[4]);
    double bestRate = 0;
    String best = "";
    for (String t : args[5].split(",")) {
      for (String b : args[6].split(",")) {
        int threads = Integer.parseInt(t.strip());
        int batch = Integer.parseInt(b.strip());
        fill(url, user, password, rows, campaigns);
        double seconds = run(url, user, password, threads, batch);
        check(url, user, password, rows);
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

  /** Runs the loop on {@code threads} connections until the table is drained; wall seconds. */
  private static double run(String url, String user, String password, int threads, int batch)
      throws Exception {
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Connection c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
      connections.add(c);
    }
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (Connection c : connections) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  work(c, batch);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      w.start();
      workers.add(w);
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
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

  private static void work(Connection c, int batch) throws SQLException {
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
  private static void check(String url, String user, String password, int rows)
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
}
