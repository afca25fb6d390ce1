package io.outdial.persistence.dialing;

import jakarta.persistence.PersistenceException;

/**
 * The database refused the data of a write, not the write itself: retrying the same values fails
 * again. The outcome writer splits a refused batch to find and set aside the value at fault.
 */
public class OutcomeRejectedException extends PersistenceException {
  private static final long serialVersionUID = 1L;

  public OutcomeRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
