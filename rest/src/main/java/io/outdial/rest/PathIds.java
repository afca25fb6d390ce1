package io.outdial.rest;

import io.outdial.core.ValidationException;
import jakarta.ws.rs.NotFoundException;
import java.util.function.Function;

/** Ids taken from a URL: one that is malformed names nothing, so it is 404, not 400. */
public final class PathIds {
  private PathIds() {}

  /**
   * Parses an id from the path.
   *
   * @throws NotFoundException with {@code notFound} as its detail when the id is malformed
   */
  public static <T> T parse(String raw, Function<String, T> parser, String notFound) {
    try {
      return parser.apply(raw == null ? null : raw.strip());
    } catch (ValidationException e) {
      throw new NotFoundException(notFound);
    }
  }
}
