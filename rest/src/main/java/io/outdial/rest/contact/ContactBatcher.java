package io.outdial.rest.contact;

import io.outdial.core.ValidationException;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.rest.campaign.ContactFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns uploaded rows into contacts and cuts them into batches of {@link #BATCH}, each handed on
 * with the counts of the rows read so far. Bad rows are counted and the first {@link
 * #MAX_ROW_ERRORS} kept with their numbers. It only reads and checks: storing is the {@link Sink}'s
 * business, on this thread or another.
 */
final class ContactBatcher implements RowHandler {
  /** Contacts per batch: one insert statement and, for a file, one transaction. */
  static final int BATCH = 10_000;

  static final int MAX_ROW_ERRORS = 100;

  /**
   * Contacts ready to store, with the counts of all rows read up to the last of them: {@code
   * invalid} bad rows so far and the first of their errors ({@code errors}, immutable).
   */
  record Batch(
      List<NewContact> contacts, long invalid, List<UploadResult.RowError> errors, int progress) {}

  /** Takes the batches, in order; the last one (possibly empty) comes from {@link #finish}. */
  @FunctionalInterface
  interface Sink {
    void accept(Batch batch);
  }

  private final ContactFields contactFields;
  private final Sink sink;
  private final int batchSize;

  private List<NewContact> batch;
  private final List<UploadResult.RowError> errors = new ArrayList<>();
  private List<UploadResult.RowError> errorsHandedOn = List.of();
  private long invalid;
  private int progress;

  ContactBatcher(ContactFields contactFields, Sink sink) {
    this(contactFields, sink, BATCH);
  }

  ContactBatcher(ContactFields contactFields, Sink sink, int batchSize) {
    this.contactFields = contactFields;
    this.sink = sink;
    this.batchSize = batchSize;
    this.batch = new ArrayList<>(batchSize);
  }

  @Override
  public void row(long row, Map<String, String> fields, int progress) {
    this.progress = progress;
    String refusal;
    try {
      switch (contactFields.parse(fields, "contact")) {
        case ContactFields.Parsed.Accepted ok -> {
          batch.add(ok.contact());
          if (batch.size() == batchSize) {
            handOn();
          }
          return;
        }
        case ContactFields.Parsed.Refused refused -> refusal = refused.reason();
      }
    } catch (ValidationException e) {
      refusal = e.getMessage();
    }
    invalid++;
    if (errors.size() < MAX_ROW_ERRORS) {
      errors.add(new UploadResult.RowError(row, refusal));
    }
  }

  /** Hands on what is left (possibly nothing), with the final counts. */
  void finish() {
    handOn();
  }

  private void handOn() {
    if (errors.size() != errorsHandedOn.size()) {
      errorsHandedOn = List.copyOf(errors);
    }
    List<NewContact> full = batch;
    batch = new ArrayList<>(batchSize);
    sink.accept(new Batch(full, invalid, errorsHandedOn, progress));
  }
}
