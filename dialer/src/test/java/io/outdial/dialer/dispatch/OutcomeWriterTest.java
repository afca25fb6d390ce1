package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.EndReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.dialer.testing.ManualExecutor;
import io.outdial.dialer.testing.ManualScheduler;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.dialing.CallOutcomes;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.OutcomeRejectedException;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeWriterTest {
  private static final CampaignId CAMPAIGN = CampaignId.random(new SplittableRandom(1));
  private static final ClientId CLIENT = ClientId.of("acme");

  private final SplittableRandom ids = new SplittableRandom(7);
  private final ManualScheduler time = new ManualScheduler();
  private final ManualExecutor executor = new ManualExecutor(time);
  private final ScriptedOutcomes database = new ScriptedOutcomes();
  private final List<CallResult> recorded = new ArrayList<>();
  private final List<Thread> recordedOn = new ArrayList<>();
  private final List<CallResult> dropped = new ArrayList<>();
  private final OutcomeWriter writer =
      new OutcomeWriter(
          database,
          executor,
          time.clock(),
          r -> {
            recorded.add(r);
            recordedOn.add(Thread.currentThread());
          },
          dropped::add);

  @AfterEach
  void nothingWrittenOrToldTwice() {
    assertThat(database.writesPerCall().values()).allMatch(n -> n == 1);
    assertThat(recorded).extracting(CallResult::callId).doesNotHaveDuplicates();
    assertThat(dropped).extracting(CallResult::callId).doesNotHaveDuplicates();
    Set<CallId> both = new HashSet<>(recorded.stream().map(CallResult::callId).toList());
    both.retainAll(dropped.stream().map(CallResult::callId).toList());
    assertThat(both).as("results both recorded and dropped").isEmpty();
    assertThat(executor.failures()).isEmpty();
  }

  @Test
  void writesWhatWaitsInOneBatch() {
    List<CallResult> results = results(3);

    results.forEach(writer::submit);
    executor.runDue();

    assertThat(database.batches()).containsExactly(ids(results));
    assertThat(recorded).containsExactlyElementsOf(results);
  }

  @Test
  void batchesWhatFinishedWhileThePreviousWriteRan() {
    CallResult first = result();
    List<CallResult> meanwhile = results(4);
    database.duringWrite(1, () -> meanwhile.forEach(writer::submit));

    writer.submit(first);
    executor.runDue();

    assertThat(database.batches()).containsExactly(ids(List.of(first)), ids(meanwhile));
    assertThat(recorded).containsExactlyElementsOf(concat(List.of(first), meanwhile));
  }

  @Test
  void keepsTheResultsOfABatchTheDatabaseCouldNotTakeAndRetriesThemOneSecondLater() {
    List<CallResult> results = results(3);
    database.failOnWrite(1, new PersistenceException("connection reset"));

    results.forEach(writer::submit);
    executor.runDue();

    assertThat(recorded).isEmpty();
    assertThat(dropped).isEmpty();
    assertThat(database.stored()).isEmpty();

    time.advance(Duration.ofMillis(999));
    assertThat(database.attempts()).as("no retry before the second is up").isEqualTo(1);

    time.advance(Duration.ofMillis(1));
    assertThat(database.attempts()).isEqualTo(2);
    assertThat(recorded).containsExactlyElementsOf(results);
    assertThat(database.stored()).containsOnlyKeys(ids(results));
    assertThat(writer.deadLetters()).isZero();
  }

  @Test
  void retriesAgainWhileTheDatabaseStaysAway() {
    List<CallResult> results = results(2);
    database.failOnWrite(1, new PersistenceException("connection refused"));
    database.failOnWrite(2, new PersistenceException("connection refused"));

    results.forEach(writer::submit);
    executor.runDue();
    time.advance(Duration.ofSeconds(1));
    assertThat(recorded).isEmpty();

    time.advance(Duration.ofSeconds(1));
    assertThat(recorded).containsExactlyElementsOf(results);
    assertThat(database.attempts()).isEqualTo(3);
  }

  @Test
  void writesTheOthersOfABatchWithOneRefusedResultAndThatOneWithoutItsTexts() {
    List<CallResult> results = results(10);
    CallResult bad =
        withTranscript(results.get(7), "[{\"role\":\"user\",\"content\":\"a\\u0000\"}]");
    results.set(7, bad);
    database.refuseTextsOf(bad.callId());

    results.forEach(writer::submit);
    executor.runDue();

    assertThat(database.stored()).containsOnlyKeys(ids(results));
    CallResult stored = database.stored().get(bad.callId());
    assertThat(stored.transcriptJson()).isEqualTo("[]");
    assertThat(stored.intentsJson()).isEqualTo("[]");
    assertThat(stored.disposition()).isEqualTo(bad.disposition());
    for (CallResult r : results) {
      if (r != bad) {
        assertThat(database.stored().get(r.callId())).isEqualTo(r);
      }
    }
    assertThat(recorded)
        .extracting(CallResult::callId)
        .containsExactlyInAnyOrderElementsOf(ids(results));
    assertThat(dropped).isEmpty();
    assertThat(writer.deadLetters()).isZero();
  }

  @Test
  void setsAsideAResultRefusedEvenWithoutItsTextsAndRecordsTheRest() {
    List<CallResult> results = results(9);
    CallResult bad = results.get(3);
    database.refuseEntirely(bad.callId());

    results.forEach(writer::submit);
    executor.runDue();

    List<CallResult> others = results.stream().filter(r -> r != bad).toList();
    assertThat(database.stored()).containsOnlyKeys(ids(others));
    assertThat(recorded).containsExactlyInAnyOrderElementsOf(others);
    assertThat(dropped).containsExactly(bad);
    assertThat(writer.deadLetters()).isEqualTo(1);
  }

  @Test
  void aFailureWhileIsolatingARefusedResultRetriesOnlyWhatWasNotWritten() {
    List<CallResult> results = results(8);
    CallResult bad = results.get(6);
    database.refuseEntirely(bad.callId());
    // 1: all eight refused; 2: the first half written; 3: the second half fails outright
    database.failOnWrite(3, new PersistenceException("lock wait timed out"));

    results.forEach(writer::submit);
    executor.runDue();
    assertThat(recorded).containsExactlyElementsOf(results.subList(0, 4));

    time.advance(Duration.ofSeconds(1));

    List<CallResult> others = results.stream().filter(r -> r != bad).toList();
    assertThat(database.stored()).containsOnlyKeys(ids(others));
    assertThat(recorded).containsExactlyInAnyOrderElementsOf(others);
    assertThat(dropped).containsExactly(bad);
    assertThat(writer.deadLetters()).isEqualTo(1);
  }

  @Test
  void flushWritesEverythingWaitingOnTheCallersThread() {
    List<CallResult> results = results(3);
    results.forEach(writer::submit); // the drain is submitted but has not run

    writer.flush();

    assertThat(database.stored()).containsOnlyKeys(ids(results));
    assertThat(recorded).containsExactlyElementsOf(results);
    assertThat(recordedOn).containsOnly(Thread.currentThread());
    assertThat(database.writers()).containsOnly(Thread.currentThread());

    executor.runDue(); // the drain that was submitted finds nothing left
    assertThat(database.attempts()).isEqualTo(1);
  }

  @Test
  void flushWritesWhatTheStoppingExecutorRefusedToDrain() {
    executor.shutdown();
    List<CallResult> results = results(600);

    results.forEach(writer::submit); // refused drains are not an error while the server stops
    assertThat(database.attempts()).isZero();
    writer.flush();

    assertThat(database.batches()).extracting(List::size).containsExactly(OutcomeWriter.BATCH, 100);
    assertThat(recorded).containsExactlyElementsOf(results);
    assertThat(recordedOn).containsOnly(Thread.currentThread());
  }

  @Test
  void flushStopsAtAFailureAndKeepsWhatIsLeft() {
    List<CallResult> results = results(2);
    results.forEach(writer::submit);
    database.failOnWrite(1, new PersistenceException("database shutting down"));

    writer.flush();

    assertThat(recorded).isEmpty();
    executor.runDue(); // the drain submitted before still writes them
    assertThat(recorded).containsExactlyElementsOf(results);
  }

  // ------------------------------------------------------------------ helpers

  private List<CallResult> results(int n) {
    return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> result()).toList());
  }

  private CallResult result() {
    Instant start = time.now();
    return new CallResult(
        CallId.random(ids),
        CAMPAIGN,
        CLIENT,
        ids.nextLong(1, 1_000_000),
        PhoneNumber.ofE164("+1555" + ids.nextInt(1_000_000, 9_999_999)),
        Disposition.HUMAN_NOT_INTERESTED,
        start,
        start.plusSeconds(20),
        20,
        "[{\"role\":\"assistant\",\"content\":\"Hello\"}]",
        "[{\"intent\":\"not_interested\",\"confidence\":0.9,\"timestamp\":\"" + start + "\"}]",
        Optional.empty(),
        Optional.empty(),
        EndReason.AGENT_HANG_UP,
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        AudioTimes.NONE);
  }

  private static CallResult withTranscript(CallResult r, String transcript) {
    return new CallResult(
        r.callId(),
        r.campaignId(),
        r.clientId(),
        r.contactId(),
        r.phone(),
        r.disposition(),
        r.startedAt(),
        r.endedAt(),
        r.durationSeconds(),
        transcript,
        r.intentsJson(),
        r.errorReason(),
        r.answeredBy(),
        r.endReason(),
        r.providerStatus(),
        r.voicemailLeft(),
        r.doNotCall(),
        r.retryAt(),
        r.audio());
  }

  private static List<CallId> ids(Collection<CallResult> results) {
    return results.stream().map(CallResult::callId).toList();
  }

  private static List<CallResult> concat(List<CallResult> a, List<CallResult> b) {
    List<CallResult> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * The outcome port as a script: every write is one transaction (all of a batch or nothing), and
   * the test says which writes fail and which values the database refuses.
   */
  private static final class ScriptedOutcomes implements CallOutcomes {
    private final List<List<CallId>> batches = new ArrayList<>();
    private final Map<CallId, CallResult> stored = new LinkedHashMap<>();
    private final Map<CallId, Integer> writesPerCall = new HashMap<>();
    private final Map<Integer, RuntimeException> failures = new HashMap<>();
    private final Map<Integer, Runnable> during = new HashMap<>();
    private final Set<CallId> refusedTexts = new HashSet<>();
    private final Set<CallId> refused = new HashSet<>();
    private final List<Thread> writers = new ArrayList<>();
    private int attempts;

    /** Write number {@code n} (from 1) fails with {@code failure}, writing nothing. */
    void failOnWrite(int n, RuntimeException failure) {
      failures.put(n, failure);
    }

    /** Write number {@code n} runs {@code action} while it is in progress. */
    void duringWrite(int n, Runnable action) {
      during.put(n, action);
    }

    /** The database refuses this call's transcript and intents (as jsonb refuses U+0000). */
    void refuseTextsOf(CallId call) {
      refusedTexts.add(call);
    }

    /** The database refuses this call's outcome whatever it carries. */
    void refuseEntirely(CallId call) {
      refused.add(call);
    }

    @Override
    public int complete(List<CallResult> results, Instant now) {
      int n = ++attempts;
      writers.add(Thread.currentThread());
      Runnable action = during.get(n);
      if (action != null) {
        action.run();
      }
      RuntimeException failure = failures.get(n);
      if (failure != null) {
        throw failure;
      }
      for (CallResult r : results) {
        boolean texts = !r.transcriptJson().equals("[]") || !r.intentsJson().equals("[]");
        if (refused.contains(r.callId()) || (texts && refusedTexts.contains(r.callId()))) {
          throw new OutcomeRejectedException(
              "Could not record call outcomes: the data was refused",
              new IllegalArgumentException("unsupported Unicode escape sequence"));
        }
      }
      batches.add(ids(results));
      for (CallResult r : results) {
        stored.put(r.callId(), r);
        writesPerCall.merge(r.callId(), 1, Integer::sum);
      }
      return results.size();
    }

    @Override
    public void settle(Collection<CampaignId> campaigns, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void optOut(ClientId client, PhoneNumber phone, CallId call, Instant at) {
      throw new UnsupportedOperationException();
    }

    /** The batches written, each as its call ids. */
    List<List<CallId>> batches() {
      return batches;
    }

    Map<CallId, CallResult> stored() {
      return stored;
    }

    Map<CallId, Integer> writesPerCall() {
      return writesPerCall;
    }

    int attempts() {
      return attempts;
    }

    List<Thread> writers() {
      return writers;
    }
  }
}
