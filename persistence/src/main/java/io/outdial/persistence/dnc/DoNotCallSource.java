package io.outdial.persistence.dnc;

import java.util.Optional;

/** How a number came onto a do-not-call list. */
public enum DoNotCallSource {
  /** The callee asked not to be called again, in a call (written by the dialer). */
  OPT_OUT("call", "opt_out"),
  /** A line of an uploaded file. */
  UPLOAD("upload", "upload"),
  /** Added one by one through the API. */
  API("api", "api");

  private final String stored;
  private final String wireName;

  DoNotCallSource(String stored, String wireName) {
    this.stored = stored;
    this.wireName = wireName;
  }

  /** The value of {@code do_not_call.source}. */
  public String stored() {
    return stored;
  }

  /** The name on the wire, e.g. {@code opt_out}. */
  public String wireName() {
    return wireName;
  }

  /** The source stored as {@code value}, if it is one of these. */
  public static Optional<DoNotCallSource> fromStored(String value) {
    for (DoNotCallSource source : values()) {
      if (source.stored.equals(value)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
