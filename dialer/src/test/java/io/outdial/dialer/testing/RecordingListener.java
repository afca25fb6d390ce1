package io.outdial.dialer.testing;

import io.outdial.core.call.AnsweredBy;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Writes every event down as a short string, with the scheduler time it arrived at. */
public final class RecordingListener implements CallListener {
  private final List<String> events = new ArrayList<>();
  private final List<String> times = new ArrayList<>();
  private final Supplier<Object> time;
  private CallFailure failure;

  public RecordingListener(Supplier<Object> time) {
    this.time = time;
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** When each event arrived, parallel to {@link #events()}. */
  public synchronized List<String> times() {
    return List.copyOf(times);
  }

  public synchronized CallFailure failure() {
    return failure;
  }

  private synchronized void add(String event) {
    events.add(event);
    times.add(String.valueOf(time.get()));
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
  public void onMachineBeep() {
    add("beep");
  }

  @Override
  public void onUtterance(String text) {
    add("heard:" + text);
  }

  @Override
  public void onSpeechFinished(boolean interrupted) {
    add("speech_finished");
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
    synchronized (this) {
      this.failure = failure;
    }
    add("failed:" + failure.reason().wireName());
  }
}
