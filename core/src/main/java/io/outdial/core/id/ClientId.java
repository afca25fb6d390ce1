package io.outdial.core.id;

import io.outdial.core.ValidationException;
import java.util.regex.Pattern;

/**
 * Identifier of an integrator's client, chosen by the integrator (e.g. {@code acme-staffing}).
 *
 * @param value 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit: the id
 *     travels in URL paths ({@code /admin/api-keys/{client_id}}) and log lines
 */
public record ClientId(String value) {
  public static final int MAX_LENGTH = 64;

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public ClientId {
    if (value == null || value.isBlank()) {
      throw new ValidationException("client_id", "client_id is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new ValidationException(
          "client_id", "client_id must be at most " + MAX_LENGTH + " characters");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new ValidationException(
          "client_id",
          "client_id must contain only letters, digits, '.', '_' or '-' (no spaces or slashes),"
              + " starting with a letter or digit");
    }
  }

  public static ClientId of(String value) {
    return new ClientId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
