package io.outdial.core.dialing;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which campaign gets the next dial slot.
 *
 * <p>Rules, each checked by property tests:
 *
 * <ul>
 *   <li><b>Caps.</b> A slot is never handed out beyond a campaign's {@code max_concurrent}, its
 *       client's capacity (when set) or the global capacity.
 *   <li><b>Strict priority.</b> A slot goes to the highest priority that has an eligible campaign
 *       (due contacts and room under every cap).
 *   <li><b>Fair share.</b> Within a priority, the eligible campaign that has been served least goes
 *       next (ties by age), so campaigns that stay eligible take turns. A campaign or client that
 *       was ineligible (capped, paused, out of contacts) re-enters level with the least-served, not
 *       with a credit for the time it waited, so it cannot burst ahead. Hence at any moment the
 *       eligible campaigns of a priority are within one slot of each other on that scale, and over
 *       any interval in which two of them stay eligible their slot counts differ by at most two (at
 *       most one when they started together).
 *   <li><b>Work-conserving.</b> {@link #nextSlot()} answers empty only when the global capacity is
 *       used up or no campaign is eligible.
 * </ul>
 *
 * <p>Each decision and each update is O(log n): per priority a heap of clients, per client and
 * priority a heap of its eligible campaigns, keyed by slots served. Per-client capacity costs at
 * most ten heap operations when a client fills up or frees up, whatever its number of campaigns.
 *
 * <p>Not thread-safe: the dispatcher owns one instance and serialises calls to it. The scheduler
 * knows only counts; claiming an actual contact is the caller's business. When a granted slot finds
 * no contact after all, the caller reports {@link #callFinished} and corrects {@link
 * #setPendingDue}.
 */
public final class DialingScheduler {
  private static final int LEVELS = Priority.MAX + 1;

  private final Map<CampaignId, Entry> campaigns = new HashMap<>();
  private final Map<ClientId, Client> clients = new HashMap<>();
  private final Level[] levels = new Level[LEVELS];

  /** Bit p is set iff {@code levels[p]} has a client that can take a slot. */
  private int readyLevels;

  private int globalCapacity;
  private int globalInFlight;
  private long nextSeq;

  /**
   * @param globalCapacity the most calls in flight across all campaigns (e.g. trunk lines)
   */
  public DialingScheduler(int globalCapacity) {
    setGlobalCapacity(globalCapacity);
    for (int p = Priority.MIN; p <= Priority.MAX; p++) {
      levels[p] = new Level();
    }
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Takes one dial slot: the chosen campaign's in-flight count goes up by one and its due count
   * down by one.
   *
   * @return the campaign to dial for, or empty when no slot can be given
   */
  public Optional<CampaignId> nextSlot() {
    Entry e = take();
    return e == null ? Optional.empty() : Optional.of(e.id);
  }

  /** Takes up to {@code max} slots, in decision order; a campaign may appear several times. */
  public List<CampaignId> nextSlots(int max) {
    List<CampaignId> out = new ArrayList<>(Math.min(Math.max(max, 0), 1024));
    for (int i = 0; i < max; i++) {
      Entry e = take();
      if (e == null) {
        break;
      }
      out.add(e.id);
    }
    return out;
  }

  private Entry take() {
    if (globalInFlight >= globalCapacity || readyLevels == 0) {
      return null;
    }
    Level level = levels[31 - Integer.numberOfLeadingZeros(readyLevels)];
    ClientLevel cl = level.clients.peek();
    Entry e = cl.campaigns.peek();
    long served = Math.max(e.served, cl.floor);
    level.clock = served;
    e.served = served + 1;
    e.inFlight++;
    e.pending--;
    globalInFlight++;
    Client client = cl.client;
    client.inFlight++;
    if (e.eligible()) {
      cl.campaigns.update(e);
    } else {
      cl.campaigns.remove(e);
    }
    if (client.inFlight == client.capacity) {
      syncClient(client);
    } else {
      sync(cl);
    }
    return e;
  }

  // ---------------------------------------------------------------- campaign events

  /**
   * Adds a campaign, or replaces everything known about it. A new campaign starts level with the
   * least-served campaign of its priority.
   */
  public void upsert(CampaignLoad load) {
    Objects.requireNonNull(load, "load");
    Entry e = campaigns.get(load.campaignId());
    if (e != null && !e.client.id.equals(load.clientId())) {
      remove(load.campaignId());
      e = null;
    }
    if (e == null) {
      Client client = clients.computeIfAbsent(load.clientId(), Client::new);
      e = new Entry(load.campaignId(), client, nextSeq++);
      client.campaigns++;
      e.priority = load.priority().value();
      e.served = Long.MIN_VALUE;
      campaigns.put(e.id, e);
    } else {
      detach(e);
      if (e.priority != load.priority().value()) {
        e.priority = load.priority().value();
        e.served = Long.MIN_VALUE;
      }
    }
    e.maxConcurrent = load.maxConcurrent().value();
    e.pending = load.pendingDue();
    Client client = e.client;
    boolean hadRoom = client.hasRoom();
    int delta = load.inFlight() - e.inFlight;
    e.inFlight = load.inFlight();
    client.inFlight += delta;
    globalInFlight += delta;
    attach(e);
    if (hadRoom != client.hasRoom()) {
      syncClient(client);
    }
  }

  /**
   * Forgets a campaign (paused, finished, cancelled). Its calls in flight stop counting against the
   * global and client capacity: remove it once they ended, or set its due count to zero first and
   * remove it later.
   *
   * @return whether the campaign was known
   */
  public boolean remove(CampaignId id) {
    Entry e = campaigns.remove(id);
    if (e == null) {
      return false;
    }
    detach(e);
    Client client = e.client;
    boolean hadRoom = client.hasRoom();
    client.inFlight -= e.inFlight;
    globalInFlight -= e.inFlight;
    client.campaigns--;
    if (hadRoom != client.hasRoom()) {
      syncClient(client);
    }
    if (client.campaigns == 0 && client.capacity == Integer.MAX_VALUE) {
      clients.remove(client.id);
    }
    return true;
  }

  /** A call of the campaign ended (or a granted slot was not used): one fewer in flight. */
  public void callFinished(CampaignId id) {
    Entry e = require(id);
    if (e.inFlight == 0) {
      throw new IllegalStateException(id + " has no call in flight");
    }
    boolean wasEligible = e.eligible();
    Client client = e.client;
    boolean hadRoom = client.hasRoom();
    e.inFlight--;
    client.inFlight--;
    globalInFlight--;
    if (!wasEligible && e.eligible()) {
      attach(e);
    }
    if (hadRoom != client.hasRoom()) {
      syncClient(client);
    }
  }

  /** The number of contacts of the campaign that could be dialed now changed. */
  public void setPendingDue(CampaignId id, long pendingDue) {
    if (pendingDue < 0) {
      throw new IllegalArgumentException("pendingDue must not be negative");
    }
    Entry e = require(id);
    boolean wasEligible = e.eligible();
    e.pending = pendingDue;
    reconcile(e, wasEligible);
  }

  /** Adds (or with a negative delta removes) due contacts, e.g. after an upload. */
  public void addPendingDue(CampaignId id, long delta) {
    Entry e = require(id);
    setPendingDue(id, Math.max(0, e.pending + delta));
  }

  public void setMaxConcurrent(CampaignId id, MaxConcurrent maxConcurrent) {
    Entry e = require(id);
    boolean wasEligible = e.eligible();
    e.maxConcurrent = maxConcurrent.value();
    reconcile(e, wasEligible);
  }

  /**
   * Moves the campaign to another priority, where it starts level with that priority's
   * least-served.
   */
  public void setPriority(CampaignId id, Priority priority) {
    Entry e = require(id);
    if (e.priority == priority.value()) {
      return;
    }
    detach(e);
    e.priority = priority.value();
    e.served = Long.MIN_VALUE;
    attach(e);
  }

  // ---------------------------------------------------------------- capacity events

  public void setGlobalCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.globalCapacity = capacity;
  }

  /** Caps the calls in flight across all campaigns of {@code clientId}. */
  public void setClientCapacity(ClientId clientId, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    Client client = clients.computeIfAbsent(clientId, Client::new);
    boolean hadRoom = client.hasRoom();
    client.capacity = capacity;
    if (hadRoom != client.hasRoom()) {
      syncClient(client);
    }
  }

  /** Removes the cap on {@code clientId}'s calls in flight. */
  public void clearClientCapacity(ClientId clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      return;
    }
    setClientCapacity(clientId, Integer.MAX_VALUE);
    if (client.campaigns == 0) {
      clients.remove(clientId);
    }
  }

  // ---------------------------------------------------------------- queries

  public int globalCapacity() {
    return globalCapacity;
  }

  public int globalInFlight() {
    return globalInFlight;
  }

  /** Slots left under the global capacity (campaign and client caps may leave fewer usable). */
  public int freeSlots() {
    return Math.max(0, globalCapacity - globalInFlight);
  }

  /** Calls in flight for a client's campaigns known to the scheduler. */
  public int clientInFlight(ClientId clientId) {
    Client c = clients.get(clientId);
    return c == null ? 0 : c.inFlight;
  }

  public int size() {
    return campaigns.size();
  }

  /** What the scheduler currently holds for the campaign. */
  public Optional<CampaignLoad> load(CampaignId id) {
    Entry e = campaigns.get(id);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CampaignLoad(
            e.id,
            e.client.id,
            Priority.of(e.priority),
            MaxConcurrent.of(e.maxConcurrent),
            e.inFlight,
            e.pending));
  }

  /** Every campaign id known to the scheduler, in no particular order. */
  public List<CampaignId> campaignIds() {
    return Collections.unmodifiableList(new ArrayList<>(campaigns.keySet()));
  }

  // ---------------------------------------------------------------- internals

  private Entry require(CampaignId id) {
    Entry e = campaigns.get(Objects.requireNonNull(id, "id"));
    if (e == null) {
      throw new IllegalArgumentException("unknown campaign " + id);
    }
    return e;
  }

  private void reconcile(Entry e, boolean wasEligible) {
    boolean eligible = e.eligible();
    if (wasEligible && !eligible) {
      detach(e);
    } else if (!wasEligible && eligible) {
      attach(e);
    }
  }

  /**
   * Puts an eligible campaign into its client's heap, level with the least-served of its priority.
   */
  private void attach(Entry e) {
    if (!e.eligible() || e.inHeap()) {
      return;
    }
    Level level = levels[e.priority];
    e.served = Math.max(e.served, level.clock);
    ClientLevel cl = e.client.at(e.priority);
    cl.campaigns.add(e);
    sync(cl);
  }

  private void detach(Entry e) {
    if (!e.inHeap()) {
      return;
    }
    ClientLevel cl = e.client.at(e.priority);
    cl.campaigns.remove(e);
    sync(cl);
  }

  /** Brings a client's membership of a level's heap in line with its campaigns and room. */
  private void sync(ClientLevel cl) {
    Level level = levels[cl.priority];
    boolean should = cl.client.hasRoom() && !cl.campaigns.isEmpty();
    if (should && !cl.inHeap()) {
      // Campaigns that waited while the client was full must not come back with a credit.
      cl.floor = level.clock;
      level.clients.add(cl);
      readyLevels |= 1 << cl.priority;
    } else if (!should && cl.inHeap()) {
      level.clients.remove(cl);
      if (level.clients.isEmpty()) {
        readyLevels &= ~(1 << cl.priority);
      }
    } else if (should) {
      level.clients.update(cl);
    }
  }

  private void syncClient(Client client) {
    for (ClientLevel cl : client.levels) {
      if (cl != null) {
        sync(cl);
      }
    }
  }

  /** One priority level: the clients with an eligible campaign there, and its fairness clock. */
  private static final class Level {
    final IndexedHeap<ClientLevel> clients = new IndexedHeap<>(DialingScheduler::compareClients);

    /** Slots served by the campaign most recently chosen at this level; never decreases. */
    long clock = Long.MIN_VALUE;
  }

  private static int compareClients(ClientLevel a, ClientLevel b) {
    Entry ea = a.campaigns.peek();
    Entry eb = b.campaigns.peek();
    int c = Long.compare(Math.max(ea.served, a.floor), Math.max(eb.served, b.floor));
    return c != 0 ? c : Long.compare(ea.seq, eb.seq);
  }

  private static int compareCampaigns(Entry a, Entry b) {
    int c = Long.compare(a.served, b.served);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  }

  private static final class Client {
    final ClientId id;
    final ClientLevel[] levels = new ClientLevel[LEVELS];
    int capacity = Integer.MAX_VALUE;
    int inFlight;
    int campaigns;

    Client(ClientId id) {
      this.id = id;
    }

    boolean hasRoom() {
      return inFlight < capacity;
    }

    ClientLevel at(int priority) {
      ClientLevel cl = levels[priority];
      if (cl == null) {
        cl = new ClientLevel(this, priority);
        levels[priority] = cl;
      }
      return cl;
    }
  }

  /** A client's eligible campaigns at one priority. */
  private static final class ClientLevel extends HeapNode {
    final Client client;
    final int priority;
    final IndexedHeap<Entry> campaigns = new IndexedHeap<>(DialingScheduler::compareCampaigns);

    /**
     * The level's clock when this client last (re)joined it. Its campaigns count as served at least
     * this much, which levels them up in O(1) after the client was full.
     */
    long floor = Long.MIN_VALUE;

    ClientLevel(Client client, int priority) {
      this.client = client;
      this.priority = priority;
    }
  }

  private static final class Entry extends HeapNode {
    final CampaignId id;
    final Client client;
    final long seq;
    int priority;
    int maxConcurrent;
    int inFlight;
    long pending;

    /** Slots served, on the level's fairness scale (raised on entry, see {@code attach}). */
    long served;

    Entry(CampaignId id, Client client, long seq) {
      this.id = id;
      this.client = client;
      this.seq = seq;
    }

    boolean eligible() {
      return pending > 0 && inFlight < maxConcurrent;
    }
  }
}
