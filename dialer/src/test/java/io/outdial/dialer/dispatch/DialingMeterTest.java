package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DialingMeterTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final DialingMeter meter = new DialingMeter(nanos::get);

  private void pass(long n) {
    nanos.addAndGet(n);
  }

  @Test
  void anIdleDialerIsNotBusy() {
    pass(1_000_000);
    assertThat(meter.sinceLastLook()).isZero();
  }

  @Test
  void theShareIsTheBusierDrainsTimeSinceTheLastLook() {
    meter.dispatch().began();
    pass(300);
    meter.dispatch().ended();
    meter.outcomes().began();
    pass(500);
    meter.outcomes().ended();
    pass(200);

    assertThat(meter.sinceLastLook()).isEqualTo(0.5);

    // the next look counts only what happened after this one
    meter.dispatch().began();
    pass(100);
    meter.dispatch().ended();
    pass(900);
    assertThat(meter.sinceLastLook()).isEqualTo(0.1);
  }

  @Test
  void aDrainStillRunningCountsUpToNowAndNotTwice() {
    meter.outcomes().began();
    pass(1_000);
    assertThat(meter.sinceLastLook()).isEqualTo(1.0);
    pass(500);
    meter.outcomes().ended();
    pass(500);
    assertThat(meter.sinceLastLook()).isEqualTo(0.5);
  }

  @Test
  void aSerialDrainReportsItsTimeFromSubmissionToFinish() {
    List<Runnable> submitted = new ArrayList<>();
    SerialDrain[] drain = new SerialDrain[1];
    drain[0] = new SerialDrain(submitted::add, () -> drain[0].finished(), "test", meter.dispatch());

    assertThat(drain[0].start()).isTrue();
    pass(400); // waiting for a thread counts: the work is due
    submitted.get(0).run();
    pass(600);

    assertThat(meter.sinceLastLook()).isEqualTo(0.4);
    assertThat(drain[0].claim()).isTrue();
    pass(250);
    drain[0].finished();
    pass(750);
    assertThat(meter.sinceLastLook()).isEqualTo(0.25);
  }
}
