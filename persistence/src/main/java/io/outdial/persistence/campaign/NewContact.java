package io.outdial.persistence.campaign;

import io.outdial.core.contact.PhoneNumber;
import java.util.Map;
import java.util.Optional;

/**
 * A contact to enqueue, its phone already normalised. {@code variables} holds every field beyond
 * the known ones, for prompt templating.
 */
public record NewContact(
    PhoneNumber phone,
    Optional<String> firstName,
    Optional<String> lastName,
    Optional<String> email,
    Optional<String> company,
    Optional<String> title,
    Map<String, String> variables) {
  public NewContact {
    variables = Map.copyOf(variables);
  }

  /** A contact with only a phone number. */
  public static NewContact of(PhoneNumber phone) {
    return new NewContact(
        phone,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }
}
