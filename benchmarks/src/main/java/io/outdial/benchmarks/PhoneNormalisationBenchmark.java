package io.outdial.benchmarks;

import io.outdial.core.contact.PhoneNumberParser;
import io.outdial.core.contact.PhoneParseResult;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Numbers normalised per second on one thread, as an upload would see them: a mix of US national
 * formats, E.164, UK numbers and about 10% bad rows (garbage, too short, unknown country code).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PhoneNormalisationBenchmark {
  /** Input rows and the parsers. */
  @State(Scope.Thread)
  public static class Rows {
    final String[] rows = new String[4096];
    final PhoneNumberParser strict = PhoneNumberParser.forRegion("US");
    final PhoneNumberParser lenient =
        PhoneNumberParser.of("US", PhoneNumberParser.Strictness.POSSIBLE);
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom r = new SplittableRandom(3);
      String[] areas = {"212", "213", "312", "415", "617", "702", "206", "305"};
      for (int i = 0; i < rows.length; i++) {
        String area = areas[r.nextInt(areas.length)];
        String exchange = Integer.toString(200 + r.nextInt(700));
        String line = String.format("%04d", r.nextInt(10_000));
        rows[i] =
            switch (r.nextInt(10)) {
              case 0 -> "(" + area + ") " + exchange + "-" + line;
              case 1 -> area + "-" + exchange + "-" + line;
              case 2 -> "+1" + area + exchange + line;
              case 3 -> "1." + area + "." + exchange + "." + line;
              case 4 -> area + exchange + line;
              case 5 -> "+1 " + area + " " + exchange + " " + line;
              case 6 -> "+44 20 7946 " + line;
              case 7 -> "+1 (" + area + ") " + exchange + " " + line;
              case 8 -> area + " " + exchange + " " + line;
              default ->
                  switch (r.nextInt(3)) {
                    case 0 -> "n/a";
                    case 1 -> exchange;
                    default -> "+999 " + exchange + line;
                  };
            };
      }
    }

    String row() {
      return rows[next++ & (rows.length - 1)];
    }
  }

  @Benchmark
  public PhoneParseResult strictNormalisation(Rows rows) {
    return rows.strict.parse(rows.row());
  }

  @Benchmark
  public PhoneParseResult lenientNormalisation(Rows rows) {
    return rows.lenient.parse(rows.row());
  }
}
