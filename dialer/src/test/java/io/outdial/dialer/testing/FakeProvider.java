package io.outdial.dialer.testing;

import io.outdial.core.campaign.Voice;
import io.outdial.core.id.CallId;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose events the test fires by hand through {@link #listener()}. */
public final class FakeProvider implements TelephonyProvider {
  private volatile CallListener listener;
  private volatile FakeHandle handle;
  private volatile boolean unavailable;

  @Override
  public String name() {
    return "fake";
  }

  public void makeUnavailable() {
    unavailable = true;
  }

  @Override
  public CallHandle placeCall(CallRequest request, CallListener listener) {
    if (unavailable) {
      throw new ProviderUnavailableException("fake is down");
    }
    this.listener = listener;
    this.handle = new FakeHandle(request.callId());
    return handle;
  }

  public CallListener listener() {
    return listener;
  }

  public FakeHandle handle() {
    return handle;
  }

  /** Records what the dialer asked of the call. */
  public static final class FakeHandle implements CallHandle {
    private final CallId id;
    private final List<String> spoken = new ArrayList<>();
    private final AtomicInteger hangUps = new AtomicInteger();
    private volatile MediaQuality quality = MediaQuality.NONE;

    FakeHandle(CallId id) {
      this.id = id;
    }

    @Override
    public CallId callId() {
      return id;
    }

    @Override
    public synchronized void speak(String text, Voice voice) {
      spoken.add(text);
    }

    @Override
    public void hangUp() {
      hangUps.incrementAndGet();
    }

    public synchronized List<String> spoken() {
      return List.copyOf(spoken);
    }

    public int hangUps() {
      return hangUps.get();
    }

    /** What {@link #quality()} answers from now on. */
    public void measured(MediaQuality measured) {
      quality = measured;
    }

    @Override
    public MediaQuality quality() {
      return quality;
    }
  }
}
