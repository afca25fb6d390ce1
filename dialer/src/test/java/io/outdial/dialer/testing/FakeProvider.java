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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose events the test fires by hand through {@link #listener()} (the latest call) or
 * {@link #listener(CallId)} (any call it placed).
 */
public final class FakeProvider implements TelephonyProvider {
  private volatile CallListener listener;
  private volatile FakeHandle handle;
  private volatile boolean unavailable;
  private final Map<CallId, CallListener> listeners = new ConcurrentHashMap<>();
  private final Map<CallId, FakeHandle> handles = new ConcurrentHashMap<>();
  private final List<String> prepared = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "fake";
  }

  /** Records the line; it is ready at once. */
  @Override
  public CompletableFuture<Void> prepareReusable(String text, Voice voice) {
    prepared.add(text);
    return CompletableFuture.completedFuture(null);
  }

  /** The lines the dialer asked to prepare, in order. */
  public List<String> prepared() {
    return List.copyOf(prepared);
  }

  public void makeUnavailable() {
    unavailable = true;
  }

  public void makeAvailable() {
    unavailable = false;
  }

  @Override
  public CallHandle placeCall(CallRequest request, CallListener listener) {
    if (unavailable) {
      throw new ProviderUnavailableException("fake is down");
    }
    FakeHandle placed = new FakeHandle(request.callId());
    listeners.put(request.callId(), listener);
    handles.put(request.callId(), placed);
    this.listener = listener;
    this.handle = placed;
    return placed;
  }

  public CallListener listener() {
    return listener;
  }

  public FakeHandle handle() {
    return handle;
  }

  /** The listener of a call this provider placed. */
  public CallListener listener(CallId call) {
    CallListener found = listeners.get(call);
    if (found == null) {
      throw new IllegalArgumentException("no call " + call + " was placed");
    }
    return found;
  }

  /** The handle of a call this provider placed. */
  public FakeHandle handle(CallId call) {
    FakeHandle found = handles.get(call);
    if (found == null) {
      throw new IllegalArgumentException("no call " + call + " was placed");
    }
    return found;
  }

  /** Records what the dialer asked of the call. */
  public static final class FakeHandle implements CallHandle {
    private final CallId id;
    private final List<String> spoken = new ArrayList<>();
    private final List<String> reusable = new ArrayList<>();
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
    public synchronized void speakReusable(String text, Voice voice) {
      spoken.add(text);
      reusable.add(text);
    }

    /** What was spoken with {@link #speakReusable}, which a provider may cache. */
    public synchronized List<String> reusable() {
      return List.copyOf(reusable);
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
