package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.persistence.campaign.NewContact;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batches handed from the reading thread to the storing one. */
@Timeout(30)
class ReadAheadTest {
  private static ContactBatcher.Batch batch(int i) {
    return new ContactBatcher.Batch(
        List.of(NewContact.of(PhoneNumber.ofE164("+1202200000" + i))), i, List.of(), i);
  }

  @Test
  void batchesArriveInOrderUntilTheEnd() throws Exception {
    ReadAhead ahead = new ReadAhead();
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 9; i++) {
                ahead.accept(batch(i));
              }
              ahead.end();
            });
    List<Long> seen = new ArrayList<>();
    ahead.drainInto(b -> seen.add(b.invalid()));
    reader.get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void theReadersFailureComesAfterTheBatchesReadBeforeIt() {
    ReadAhead ahead = new ReadAhead();
    CompletableFuture.runAsync(
        () -> {
          ahead.accept(batch(1));
          ahead.accept(batch(2));
          ahead.fail(new java.io.IOException("The disk is gone"));
        });
    List<Long> seen = new ArrayList<>();
    assertThatThrownBy(() -> ahead.drainInto(b -> seen.add(b.invalid())))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("The disk is gone");
    assertThat(seen).containsExactly(1L, 2L);
  }

  @Test
  void aWriterThatGivesUpStopsTheReaderAtItsNextBatch() throws Exception {
    ReadAhead ahead = new ReadAhead();
    CompletableFuture<Integer> reader =
        CompletableFuture.supplyAsync(
            () -> {
              int handed = 0;
              try {
                for (int i = 0; i < 1_000; i++) {
                  ahead.accept(batch(i % 10));
                  handed++;
                }
              } catch (ReadAhead.Stopped stopped) {
                return handed;
              }
              return -1;
            });
    assertThatThrownBy(
            () ->
                ahead.drainInto(
                    b -> {
                      throw new IllegalStateException("the database is gone");
                    }))
        .hasMessage("the database is gone");
    ahead.stop();
    // the reader handed the first batch, filled the queue and then stopped: it read no further
    assertThat(reader.get(10, TimeUnit.SECONDS)).isBetween(1, 1 + ReadAhead.CAPACITY);
  }
}
