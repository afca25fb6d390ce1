package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import io.outdial.persistence.dialing.testing.DialingWorld.CallRow;
import io.outdial.persistence.dialing.testing.DialingWorld.Counters;
import io.outdial.persistence.dialing.testing.DialingWorld.Latency;
import io.outdial.persistence.dialing.testing.DialingWorld.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link CallOutcomes} must do: the JDBC one and the in-memory one alike. */
abstract class CallOutcomesContract extends DialingContract {
  private static final String TRANSCRIPT =
      "[{\"role\": \"agent\", \"content\": \"Hello, this is Outdial.\"},"
          + " {\"role\": \"user\", \"content\": \"Yes, tell me more.\"}]";
  private static final String INTENTS =
      "[{\"intent\": \"interested\", \"confidence\": 0.9, \"timestamp\": \"2030-01-15T12:00:20Z\"}]";

  // --- what a result writes ---

  @Test
  void aHumanAnswerEndsTheCallAndTheContactAndCountsInTheCampaignAndTheUsage() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    ClaimedCall call = call(campaign, T, "server-a");
    Outcome outcome =
        Outcome.of(call, Disposition.HUMAN_INTERESTED)
            .seconds(42.5)
            .transcript(TRANSCRIPT)
            .intents(INTENTS)
            .answeredBy(AnsweredBy.HUMAN);

    int written = world.outcomes().complete(List.of(outcome.result()), outcome.end());

    assertThat(written).isEqualTo(1);
    CallRow row = row(campaign, call.callId());
    assertThat(row.endedAt()).contains(outcome.end());
    assertThat(row.disposition()).contains(Disposition.HUMAN_INTERESTED);
    assertThat(row.errorReason()).isEmpty();
    assertSameJson(row.transcriptJson(), TRANSCRIPT);
    assertThat(world.contactState(contact)).isEqualTo(ContactState.DONE);
    assertThat(world.lastDisposition(contact)).contains(Disposition.HUMAN_INTERESTED);
    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 1, 0, 1, 0, 0, 0, 42.5));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(1, 42.5, 1, 0));
    assertThat(world.usage(OTHER_CLIENT, MONTH)).isEqualTo(new Usage(0, 0, 0, 0));
  }

  @Test
  void theCarriersMeasuresAreStoredWithTheCallEachTurnInItsOrder() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1), phone(2));
    ClaimedCall measured = call(campaign, T, "server-a");
    ClaimedCall unanswered = call(campaign, T, "server-a");
    AudioTimes audio =
        new AudioTimes(
            Optional.of(640),
            Optional.of(1820),
            Optional.of(2300),
            List.of(910, 2450, 780),
            List.of(500, 520, 480));

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(measured, Disposition.HUMAN_INTERESTED)
                    .answeredBy(AnsweredBy.HUMAN)
                    .audio(audio)
                    .result(),
                Outcome.of(unanswered, Disposition.NO_ANSWER).result()),
            T.plusSeconds(30));

    assertThat(row(campaign, measured.callId()).audio()).isEqualTo(audio);
    assertThat(row(campaign, unanswered.callId()).audio()).isEqualTo(AudioTimes.NONE);
    // the campaign's histograms count each measured call, and each turn for voice to voice
    Latency latency = world.latency(campaign);
    assertThat(latency.firstAudio()).isEqualTo(LatencyHistogram.EMPTY.plus(640));
    assertThat(latency.machineDetection()).isEqualTo(LatencyHistogram.EMPTY.plus(1820));
    assertThat(latency.voiceToVoice())
        .isEqualTo(LatencyHistogram.EMPTY.plus(910).plus(2450).plus(780));
  }

  @Test
  void theLatencyHistogramsAddUpOverBatchesAndCampaignsKeepTheirOwn() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    CampaignId other = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1), phone(2));
    world.contacts(other, T.minusSeconds(60), phone(3));
    ClaimedCall first = call(campaign, T, "server-a");
    ClaimedCall second = call(campaign, T, "server-a");
    ClaimedCall elsewhere = call(other, T, "server-a");
    AudioTimes fast =
        new AudioTimes(
            Optional.of(150), Optional.empty(), Optional.of(0), List.of(650), List.of(500));
    AudioTimes slow =
        new AudioTimes(
            Optional.of(4200), Optional.empty(), Optional.of(3000), List.of(), List.of());

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(first, Disposition.HUMAN_INTERESTED).audio(fast).result(),
                Outcome.of(elsewhere, Disposition.HUMAN_INTERESTED).audio(fast).result()),
            T.plusSeconds(30));
    world
        .outcomes()
        .complete(
            List.of(Outcome.of(second, Disposition.HUMAN_INTERESTED).audio(slow).result()),
            T.plusSeconds(40));

    Latency latency = world.latency(campaign);
    assertThat(latency.firstAudio()).isEqualTo(LatencyHistogram.EMPTY.plus(150).plus(4200));
    assertThat(latency.machineDetection()).isEqualTo(LatencyHistogram.EMPTY);
    assertThat(latency.voiceToVoice()).isEqualTo(LatencyHistogram.EMPTY.plus(650));
    assertThat(world.latency(other).firstAudio()).isEqualTo(LatencyHistogram.EMPTY.plus(150));
  }

  @Test
  void aContactToRetryIsDueAgainAtItsRetryTime() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");
    Instant retry = T.plus(Duration.ofMinutes(30));

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.NO_ANSWER).seconds(0).retryAt(retry).result(),
                Outcome.of(calls.get(1), Disposition.BUSY).seconds(0).retryAt(retry).result()),
            T.plusSeconds(30));

    for (long contact : contacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
      assertThat(world.nextAttempt(contact)).isEqualTo(retry);
      assertThat(world.attempts(contact)).isEqualTo(1);
    }
    assertThat(world.lastDisposition(calls.get(1).contactId())).contains(Disposition.BUSY);
    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 2, 0, 0, 0, 0, 2, 0));
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void aFailedCallKeepsItsErrorReasonAndCountsAsAnError() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.FAILED)
                    .seconds(0)
                    .error(ErrorReason.NETWORK)
                    .result(),
                Outcome.of(calls.get(1), Disposition.TIMEOUT)
                    .seconds(0)
                    .error(ErrorReason.NO_RESPONSE)
                    .result()),
            T.plusSeconds(30));

    assertThat(row(campaign, calls.get(0).callId()).errorReason()).contains(ErrorReason.NETWORK);
    assertThat(row(campaign, calls.get(1).callId()).errorReason())
        .contains(ErrorReason.NO_RESPONSE);
    assertThat(world.contactState(calls.get(0).contactId())).isEqualTo(ContactState.DONE);
    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 2, 0, 0, 0, 2, 0, 0));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(2, 0, 0, 0));
  }

  @Test
  void machinesCountAsVoicemailsAndOnlyDroppedVoicemailsInTheUsage() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.VOICEMAIL)
                    .seconds(20)
                    .answeredBy(AnsweredBy.MACHINE)
                    .voicemailLeft()
                    .result(),
                Outcome.of(calls.get(1), Disposition.VOICEMAIL)
                    .seconds(4.25)
                    .answeredBy(AnsweredBy.MACHINE)
                    .result()),
            T.plusSeconds(30));

    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 2, 0, 0, 2, 0, 0, 24.25));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(2, 24.25, 0, 1));
  }

  @Test
  void resultsOfSeveralCampaignsAndClientsCountWhereTheyBelong() {
    CampaignId first = world.campaign(CLIENT, 5, 10);
    world.contacts(first, T.minusSeconds(60), phones(1, 2));
    CampaignId second = world.campaign(CLIENT, 5, 10);
    world.contacts(second, T.minusSeconds(60), phone(1));
    CampaignId other = world.campaign(OTHER_CLIENT, 5, 10);
    world.contacts(other, T.minusSeconds(60), phone(1));
    List<ClaimedCall> firstCalls = calls(first, 2, T, "server-a");
    ClaimedCall secondCall = call(second, T, "server-a");
    ClaimedCall otherCall = call(other, T, "server-b");

    int written =
        world
            .outcomes()
            .complete(
                List.of(
                    Outcome.of(firstCalls.get(0), Disposition.HUMAN_NOT_INTERESTED)
                        .seconds(10)
                        .result(),
                    Outcome.of(otherCall, Disposition.CALLBACK_REQUESTED).seconds(7).result(),
                    Outcome.of(secondCall, Disposition.WRONG_NUMBER).seconds(3).result(),
                    Outcome.of(firstCalls.get(1), Disposition.NO_ANSWER).seconds(0).result()),
                T.plusSeconds(30));

    assertThat(written).isEqualTo(4);
    assertThat(world.counters(first)).isEqualTo(new Counters(0, 2, 0, 1, 0, 0, 1, 10));
    assertThat(world.counters(second)).isEqualTo(new Counters(0, 1, 0, 1, 0, 0, 0, 3));
    assertThat(world.counters(other)).isEqualTo(new Counters(0, 1, 0, 1, 0, 0, 0, 7));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(3, 13, 2, 0));
    assertThat(world.usage(OTHER_CLIENT, MONTH)).isEqualTo(new Usage(1, 7, 1, 0));
  }

  // --- the do-not-call list ---

  @Test
  void aCalleeWhoAsksNotToBeCalledAgainIsFinalAndOnTheClientsList() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    ClaimedCall call = call(campaign, T, "server-a");

    world
        .outcomes()
        .complete(
            List.of(Outcome.of(call, Disposition.DO_NOT_CALL).seconds(12).doNotCall().result()),
            T.plusSeconds(30));

    assertThat(world.contactState(contact)).isEqualTo(ContactState.DO_NOT_CALL);
    assertThat(world.onDoNotCall(CLIENT, phone(1))).isTrue();
    assertThat(world.onDoNotCall(OTHER_CLIENT, phone(1))).isFalse();
    assertThat(world.counters(campaign).humanAnswers()).isEqualTo(1);
  }

  @Test
  void anOptOutListsTheNumberOnceWhateverBecomesOfItsCall() {
    PhoneNumber number = PhoneNumber.ofE164(phone(1));

    world.outcomes().optOut(CLIENT, number, CallId.random(), T);
    world.outcomes().optOut(CLIENT, number, CallId.random(), T.plusSeconds(5));

    assertThat(world.onDoNotCall(CLIENT, phone(1))).isTrue();
    assertThat(world.onDoNotCall(OTHER_CLIENT, phone(1))).isFalse();
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    Claim claim = claim(campaign, 1, T.plusSeconds(10), "server-a");
    assertThat(claim.calls()).isEmpty();
    assertThat(claim.doNotCall()).isEqualTo(1);
    assertThat(world.contactState(contact)).isEqualTo(ContactState.DO_NOT_CALL);
  }

  // --- results that find their call closed ---

  @Test
  void aResultForACallAlreadyClosedCountsNothingTwice() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");
    ClaimedCall call = calls.get(0);
    Outcome first = Outcome.of(call, Disposition.HUMAN_INTERESTED).seconds(42.5);
    world.outcomes().complete(List.of(first.result()), T.plusSeconds(60));

    int again =
        world
            .outcomes()
            .complete(
                List.of(Outcome.of(call, Disposition.NO_ANSWER).seconds(9).result()),
                T.plusSeconds(90));

    assertThat(again).isZero();
    CallRow row = row(campaign, call.callId());
    assertThat(row.disposition()).contains(Disposition.HUMAN_INTERESTED);
    assertThat(row.endedAt()).contains(first.end());
    assertThat(world.contactState(call.contactId())).isEqualTo(ContactState.DONE);
    assertThat(world.lastDisposition(call.contactId())).contains(Disposition.HUMAN_INTERESTED);
    assertThat(world.counters(campaign)).isEqualTo(new Counters(1, 2, 0, 1, 0, 0, 0, 42.5));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(1, 42.5, 1, 0));
  }

  @Test
  void aResultForACallAlreadyClosedStillListsItsDoNotCallRequest() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    ClaimedCall call = calls(campaign, 2, T, "server-a").get(0);
    world
        .outcomes()
        .complete(
            List.of(Outcome.of(call, Disposition.HUMAN_NOT_INTERESTED).seconds(5).result()),
            T.plusSeconds(60));
    Counters before = world.counters(campaign);

    int again =
        world
            .outcomes()
            .complete(
                List.of(Outcome.of(call, Disposition.DO_NOT_CALL).seconds(5).doNotCall().result()),
                T.plusSeconds(90));

    assertThat(again).isZero();
    assertThat(world.onDoNotCall(CLIENT, call.phone().e164())).isTrue();
    assertThat(world.counters(campaign)).isEqualTo(before);
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(1, 5, 1, 0));
  }

  // --- deleted campaigns ---

  @Test
  void aCancelledCallOfACampaignNotDeletedLeavesItsContactDue() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    ClaimedCall call = call(campaign, T, "server-a");

    world
        .outcomes()
        .complete(List.of(Outcome.of(call, Disposition.CANCELLED).seconds(3).result()), T);

    assertThat(world.contactState(contact))
        .as("a contact is never lost to a cancelled call of a live campaign")
        .isEqualTo(ContactState.PENDING);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(world.counters(campaign).inFlight()).isZero();
  }

  @Test
  void anyResultOfACampaignDeletedDuringTheCallCancelsItsContact() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");
    world.delete(campaign, T.plusSeconds(5));

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.CANCELLED).seconds(6).result(),
                Outcome.of(calls.get(1), Disposition.HUMAN_INTERESTED).seconds(8).result()),
            T.plusSeconds(10));

    for (long contact : contacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.CANCELLED);
    }
    assertThat(world.counters(campaign).inFlight()).isZero();
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.CANCELLED);
  }

  // --- completing campaigns ---

  @Test
  void aCampaignCompletesWithItsLastOpenContact() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 3));
    List<ClaimedCall> calls = calls(campaign, 3, T, "server-a");
    Instant retry = T.plus(Duration.ofMinutes(30));

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.HUMAN_INTERESTED).result(),
                Outcome.of(calls.get(1), Disposition.NO_ANSWER).retryAt(retry).result()),
            T.plusSeconds(60));
    assertThat(world.campaignStatus(campaign))
        .as("one contact due again, one call up")
        .isEqualTo(CampaignStatus.ACTIVE);

    world
        .outcomes()
        .complete(
            List.of(Outcome.of(calls.get(2), Disposition.VOICEMAIL).result()), T.plusSeconds(70));
    assertThat(world.campaignStatus(campaign))
        .as("one contact due again")
        .isEqualTo(CampaignStatus.ACTIVE);

    ClaimedCall last = call(campaign, retry, "server-a");
    world
        .outcomes()
        .complete(List.of(Outcome.of(last, Disposition.NO_ANSWER).result()), retry.plusSeconds(30));
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void aCampaignDoesNotCompleteWhileAnUploadIntoItRuns() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1));
    ClaimedCall call = call(campaign, T, "server-a");
    Instant end = T.plusSeconds(60);
    world.uploadRunning(campaign, end.minus(Duration.ofMinutes(1)));

    world
        .outcomes()
        .complete(List.of(Outcome.of(call, Disposition.HUMAN_INTERESTED).result()), end);
    assertThat(world.campaignStatus(campaign))
        .as("an upload that reported a minute ago")
        .isEqualTo(CampaignStatus.ACTIVE);

    world.outcomes().settle(Set.of(campaign), end.plus(Duration.ofSeconds(59)));
    assertThat(world.campaignStatus(campaign))
        .as("an upload that reported 1 min 59 s ago")
        .isEqualTo(CampaignStatus.ACTIVE);

    world.outcomes().settle(Set.of(campaign), end.plus(Duration.ofSeconds(61)));
    assertThat(world.campaignStatus(campaign))
        .as("an upload silent for over 2 minutes is abandoned")
        .isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void aResultCompletesTheCampaignWhenItsUploadWentSilent() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1));
    ClaimedCall call = call(campaign, T, "server-a");
    Instant end = T.plusSeconds(60);
    world.uploadRunning(campaign, end.minus(Duration.ofMinutes(3)));

    world
        .outcomes()
        .complete(List.of(Outcome.of(call, Disposition.HUMAN_INTERESTED).result()), end);

    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void settleCompletesOnlyCampaignsWithContactsAllFinalAndNoCallUp() {
    CampaignId empty = world.campaign(CLIENT, 5, 10);
    CampaignId waiting = world.campaign(CLIENT, 5, 10);
    world.contacts(waiting, T.plus(Duration.ofHours(1)), phone(1));
    CampaignId skipped = world.campaign(CLIENT, 5, 10);
    world.contacts(skipped, T.minusSeconds(60), phone(1));
    world.doNotCall(CLIENT, phone(1));
    assertThat(claim(skipped, 1, T, "server-a").doNotCall()).isEqualTo(1);
    CampaignId calling = world.campaign(CLIENT, 5, 10);
    world.contacts(calling, T.minusSeconds(60), phone(2));
    call(calling, T, "server-a");
    CampaignId paused = world.campaign(CLIENT, 5, 10);
    world.contacts(paused, T.minusSeconds(60), phone(3));
    ClaimedCall pausedCall = call(paused, T, "server-a");
    world.status(paused, CampaignStatus.PAUSED);
    world
        .outcomes()
        .complete(List.of(Outcome.of(pausedCall, Disposition.HUMAN_INTERESTED).result()), T);

    world.outcomes().settle(Set.of(empty, waiting, skipped, calling, paused), T.plusSeconds(60));

    assertThat(world.campaignStatus(empty)).as("no contacts").isEqualTo(CampaignStatus.QUEUED);
    assertThat(world.campaignStatus(waiting))
        .as("a contact due later")
        .isEqualTo(CampaignStatus.QUEUED);
    assertThat(world.campaignStatus(skipped))
        .as("every contact skipped without a call")
        .isEqualTo(CampaignStatus.COMPLETED);
    assertThat(world.campaignStatus(calling)).as("a call up").isEqualTo(CampaignStatus.ACTIVE);
    assertThat(world.campaignStatus(paused))
        .as("paused with nothing left")
        .isEqualTo(CampaignStatus.COMPLETED);
  }

  // --- values the storage refuses ---

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"escaped", "raw"})
  void aTranscriptWithUnicodeNulRejectsTheWholeBatch(String form) {
    String nul = form.equals("escaped") ? "\\u0000" : "\0";
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");
    CallResult good =
        Outcome.of(calls.get(0), Disposition.DO_NOT_CALL).seconds(10).doNotCall().result();
    CallResult bad =
        Outcome.of(calls.get(1), Disposition.HUMAN_INTERESTED)
            .seconds(20)
            .transcript("[{\"role\": \"user\", \"content\": \"a" + nul + "b\"}]")
            .result();

    assertThatThrownBy(() -> world.outcomes().complete(List.of(good, bad), T.plusSeconds(30)))
        .isInstanceOf(OutcomeRejectedException.class);

    assertThat(world.calls(campaign)).allSatisfy(row -> assertThat(row.endedAt()).isEmpty());
    for (long contact : contacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.DIALING);
    }
    assertThat(world.counters(campaign)).isEqualTo(new Counters(2, 2, 0, 0, 0, 0, 0, 0));
    assertThat(world.usage(CLIENT, MONTH)).isEqualTo(new Usage(0, 0, 0, 0));
    assertThat(world.onDoNotCall(CLIENT, calls.get(0).phone().e164()))
        .as("the rejected batch's do-not-call request")
        .isFalse();

    assertThat(world.outcomes().complete(List.of(good, bad.withoutTexts()), T.plusSeconds(30)))
        .isEqualTo(2);
    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 2, 0, 2, 0, 0, 0, 30));
    assertThat(world.onDoNotCall(CLIENT, calls.get(0).phone().e164())).isTrue();
  }

  @Test
  void intentsWithUnicodeNulAreRejectedToo() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1));
    ClaimedCall call = call(campaign, T, "server-a");
    CallResult bad =
        Outcome.of(call, Disposition.HUMAN_INTERESTED)
            .intents("[{\"intent\": \"x\\u0000\", \"confidence\": 0.5}]")
            .result();

    assertThatThrownBy(() -> world.outcomes().complete(List.of(bad), T.plusSeconds(30)))
        .isInstanceOf(OutcomeRejectedException.class);
    assertThat(row(campaign, call.callId()).endedAt()).isEmpty();
  }

  // --- progress: contacts processed, successful, failed ---

  @Test
  void progressCountsEachContactOnceWhenItBecomesFinal() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 4));
    List<ClaimedCall> calls = calls(campaign, 4, T, "server-a");
    Instant retry = T.plus(Duration.ofMinutes(30));

    world
        .outcomes()
        .complete(
            List.of(
                Outcome.of(calls.get(0), Disposition.HUMAN_INTERESTED).seconds(20).result(),
                Outcome.of(calls.get(1), Disposition.VOICEMAIL).seconds(10).result(),
                Outcome.of(calls.get(2), Disposition.NO_ANSWER).seconds(0).retryAt(retry).result(),
                Outcome.of(calls.get(3), Disposition.BUSY).seconds(0).result()),
            T.plusSeconds(30));

    // the human is a success; the voicemail and the busy one out of attempts are failures; the
    // contact waiting for its retry is not processed yet
    assertThat(world.progress(campaign)).isEqualTo(new CampaignProgress(3, 1));

    ClaimedCall again = call(campaign, retry, "server-a");
    assertThat(again.contactId()).isEqualTo(calls.get(2).contactId());
    world
        .outcomes()
        .complete(
            List.of(Outcome.of(again, Disposition.CALLBACK_REQUESTED).seconds(5).result()),
            retry.plusSeconds(30));

    assertThat(world.progress(campaign)).isEqualTo(new CampaignProgress(4, 2));
    assertThat(world.progress(campaign).failedCalls()).isEqualTo(2);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void contactsSkippedWithoutACallAreProcessedAndFailed() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phone(1), phone(2));
    world.doNotCall(CLIENT, phone(1));

    List<ClaimedCall> calls = calls(campaign, 2, T, "server-a");

    assertThat(calls).hasSize(1);
    assertThat(world.progress(campaign)).isEqualTo(new CampaignProgress(1, 0));
    world
        .outcomes()
        .complete(
            List.of(Outcome.of(calls.get(0), Disposition.DO_NOT_CALL).seconds(3).result()),
            T.plusSeconds(30));
    // a person answered and asked not to be called again: reached, so a success
    assertThat(world.progress(campaign)).isEqualTo(new CampaignProgress(2, 1));
  }
}
