package io.outdial.core.call;

import io.outdial.core.WireNames;

/**
 * Who answered, as answering-machine detection judged it. A real carrier often cannot tell at the
 * moment of answer: it reports {@link #UNKNOWN} and may correct itself later (the telephony SPI's
 * {@code CallListener.onAnsweredByDetected}).
 */
public enum AnsweredBy {
  HUMAN,
  MACHINE,
  UNKNOWN;

  public String wireName() {
    return WireNames.of(this);
  }
}
