package io.outdial.carrier.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records a leg's events in order; tests wait on the futures and latch. */
final class RecordingSipListener implements SipCallListener {
  final CompletableFuture<SdpAnswer> answered = new CompletableFuture<>();
  final CompletableFuture<SipCallEnd> ended = new CompletableFuture<>();
  final CountDownLatch ringing = new CountDownLatch(1);
  private final List<String> events = new ArrayList<>();

  @Override
  public void onRinging() {
    record("ringing");
    ringing.countDown();
  }

  @Override
  public void onAnswered(SdpAnswer answer) {
    record("answered");
    answered.complete(answer);
  }

  @Override
  public void onEnded(SipCallEnd end) {
    record("ended");
    if (!ended.complete(end)) {
      throw new AssertionError("ended twice: " + end);
    }
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  private synchronized void record(String event) {
    events.add(event);
  }

  SdpAnswer awaitAnswer() throws Exception {
    return answered.get(10, TimeUnit.SECONDS);
  }

  SipCallEnd awaitEnd() throws Exception {
    return ended.get(15, TimeUnit.SECONDS);
  }
}
