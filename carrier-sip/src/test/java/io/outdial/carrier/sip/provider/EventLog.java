package io.outdial.carrier.sip.provider;

import io.outdial.core.call.AnsweredBy;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A call listener that writes every event down as a short string ({@code answered:human}, {@code
 * beep}, {@code heard:<text>}, {@code speech_finished:false}, {@code dtmf:1}, {@code
 * failed:network:486} ...) with the {@link System#nanoTime()} it arrived at, and lets a test wait
 * for one without sleeping.
 */
final class EventLog implements CallListener {
  private final List<String> events = new ArrayList<>();
  private final List<Long> times = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();
  private volatile CallFailure failure;

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The names of the threads events arrived on, parallel to {@link #events()}. */
  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  /** When the first event equal to {@code event} arrived, or -1. */
  synchronized long timeOf(String event) {
    int i = events.indexOf(event);
    return i < 0 ? -1 : times.get(i);
  }

  CallFailure failure() {
    return failure;
  }

  /**
   * Waits until an event matches; fails the test with the events so far when {@code timeout}
   * passes.
   */
  synchronized String await(Predicate<String> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < events.size(); seen++) {
        if (condition.test(events.get(seen))) {
          return events.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching event within " + timeout + "; events: " + events);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  String await(String event, Duration timeout) throws InterruptedException {
    return await(event::equals, timeout);
  }

  private synchronized void add(String event) {
    events.add(event);
    times.add(System.nanoTime());
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  @Override
  public void onRinging() {
    add("ringing");
  }

  @Override
  public void onAnswered(AnsweredBy answeredBy) {
    add("answered:" + answeredBy.wireName());
  }

  @Override
  public void onAnsweredByDetected(AnsweredBy answeredBy) {
    add("detected:" + answeredBy.wireName());
  }

  @Override
  public void onMachineBeep() {
    add("beep");
  }

  @Override
  public void onUtterance(String text) {
    add("heard:" + text);
  }

  @Override
  public void onSpeechFinished(boolean interrupted) {
    add("speech_finished:" + interrupted);
  }

  @Override
  public void onDtmf(char digit) {
    add("dtmf:" + digit);
  }

  @Override
  public void onRemoteHangUp() {
    add("remote_hang_up");
  }

  @Override
  public void onNoAnswer() {
    add("no_answer");
  }

  @Override
  public void onBusy() {
    add("busy");
  }

  @Override
  public void onFailed(CallFailure failure) {
    this.failure = failure;
    add(
        "failed:"
            + failure.reason().wireName()
            + failure.providerStatus().map(s -> ":" + s).orElse(""));
  }
}
