package io.outdial.persistence.dialing.testing;

import io.outdial.core.call.ErrorReason;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import io.outdial.persistence.call.EndRequest;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.dialing.CallOutcomes;
import io.outdial.persistence.dialing.ContactClaims;
import io.outdial.persistence.dialing.DialerLeases;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One implementation of the three dialing ports together with the fixtures and facts their contract
 * tests need: campaigns and contacts made as the API would make them, and what the storage holds
 * afterwards. {@link InMemoryDialing} is the in-memory one the dialer's unit tests use; the JDBC
 * one runs on an embedded PostgreSQL. The contract tests run against both, so the fake behaves as
 * the real storage does.
 */
public interface DialingWorld {
  ContactClaims claims();

  CallOutcomes outcomes();

  DialerLeases leases();

  // --- fixtures, as the API makes them ---

  /** A {@code queued} campaign of {@code client} without contacts. */
  CampaignId campaign(ClientId client, int priority, int maxConcurrent);

  /**
   * A {@code scheduled} campaign of {@code client} starting at {@code startsAt}, with {@code retry}
   * as its own retry policy, without contacts.
   */
  CampaignId scheduledCampaign(ClientId client, Instant startsAt, CampaignRetry retry);

  /**
   * Pending contacts of the campaign with these E.164 phones, due at {@code due}, counted in its
   * {@code total_contacts}.
   *
   * @return their ids, in the order given
   */
  List<Long> contacts(CampaignId campaign, Instant due, String... phones);

  /**
   * One pending contact with these variables (fields beyond the known ones) and metadata (a JSON
   * object's text), due at {@code due}, counted in its campaign's {@code total_contacts}.
   *
   * @return its id
   */
  long contact(
      CampaignId campaign,
      Instant due,
      String phone,
      Map<String, String> variables,
      String metadataJson);

  /** Sets the campaign's status as a lifecycle action would (pause, resume, ...). */
  void status(CampaignId campaign, CampaignStatus status);

  /** Deletes the campaign as the API does: cancelled (unless ended), pending contacts cancelled. */
  void delete(CampaignId campaign, Instant at);

  /** The client asks to end the call, as {@code POST /api/v1/calls/{call_id}/end} does. */
  EndRequest requestEnd(ClientId client, CallId call, Instant now);

  /** Puts the number on the client's do-not-call list. */
  void doNotCall(ClientId client, String phone);

  /** An upload into the campaign that runs and last reported at {@code heartbeat}. */
  void uploadRunning(CampaignId campaign, Instant heartbeat);

  /**
   * Another transaction holds the campaign's row (as an upload adding its counts does) until the
   * returned handle is closed.
   */
  AutoCloseable holdRow(CampaignId campaign);

  // --- facts ---

  ContactState contactState(long contact);

  int attempts(long contact);

  Instant nextAttempt(long contact);

  Optional<Disposition> lastDisposition(long contact);

  CampaignStatus campaignStatus(CampaignId campaign);

  /** The campaign's counters: in_flight, calls_placed, human_answers, voicemails, errors, ... */
  Counters counters(CampaignId campaign);

  /** When the campaign started dialing, if it did. */
  Optional<Instant> startedAt(CampaignId campaign);

  /** The campaign's progress counters: contacts_processed and successful_calls. */
  CampaignProgress progress(CampaignId campaign);

  boolean onDoNotCall(ClientId client, String phone);

  /** Every call record of the campaign, oldest first. */
  List<CallRow> calls(CampaignId campaign);

  /** The client's usage row of the month; zeros when there is none. */
  Usage usage(ClientId client, YearMonth period);

  /** A campaign's counters as stored. */
  record Counters(
      int inFlight,
      int callsPlaced,
      int doNotCallSkipped,
      int humanAnswers,
      int voicemails,
      int errors,
      int noAnswer,
      double talkSeconds) {}

  /** The campaign's latency histograms as stored. */
  Latency latency(CampaignId campaign);

  /** A campaign's latency histograms. */
  record Latency(
      LatencyHistogram firstAudio,
      LatencyHistogram machineDetection,
      LatencyHistogram voiceToVoice) {}

  /** A call record as stored. */
  record CallRow(
      CallId id,
      long contact,
      String serverId,
      int attempt,
      Instant startedAt,
      Optional<Instant> endedAt,
      Optional<Disposition> disposition,
      Optional<ErrorReason> errorReason,
      String transcriptJson,
      AudioTimes audio) {}

  /** A client's monthly usage as stored. */
  record Usage(int totalCalls, double totalSeconds, int humanAnswers, int voicemailsDropped) {}
}
