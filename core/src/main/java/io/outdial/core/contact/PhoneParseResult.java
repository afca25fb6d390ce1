package io.outdial.core.contact;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of parsing one raw phone number: either the normalised number or the reason it was
 * refused. Returned instead of thrown because uploads parse millions of rows and keep the bad ones
 * as counted, explained rejects.
 */
public sealed interface PhoneParseResult {
  /** Whether the input was accepted. */
  boolean isValid();

  /** The normalised number, when valid. */
  Optional<PhoneNumber> number();

  /** Why the input was refused, when invalid; the text names the field ({@code phone ...}). */
  Optional<String> reason();

  /** An accepted number. */
  record Valid(PhoneNumber phone) implements PhoneParseResult {
    public Valid {
      Objects.requireNonNull(phone, "phone");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public Optional<PhoneNumber> number() {
      return Optional.of(phone);
    }

    @Override
    public Optional<String> reason() {
      return Optional.empty();
    }
  }

  /** A refused input and why. */
  record Invalid(String why) implements PhoneParseResult {
    public Invalid {
      Objects.requireNonNull(why, "why");
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public Optional<PhoneNumber> number() {
      return Optional.empty();
    }

    @Override
    public Optional<String> reason() {
      return Optional.of(why);
    }
  }
}
