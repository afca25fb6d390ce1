package io.outdial.persistence.campaign;

import io.outdial.core.contact.PhoneNumber;
import java.util.Map;
import java.util.Optional;

/**
 * A contact to enqueue, its phone already normalised. {@code variables} holds every field beyond
 * the known ones, for prompt templating; {@code metadata} is the integrator's JSON object given
 * with the contact, as compact JSON text ({@code {}} when none was given), already checked.
 */
public record NewContact(
    PhoneNumber phone,
    Optional<String> firstName,
    Optional<String> lastName,
    Optional<String> email,
    Optional<String> company,
    Optional<String> title,
    Map<String, String> variables,
    String metadata) {
  /** No metadata. */
  public static final String NO_METADATA = "{}";

  public NewContact {
    variables = Map.copyOf(variables);
    metadata = metadata == null || metadata.isBlank() ? NO_METADATA : metadata;
  }

  /** A contact without metadata. */
  public NewContact(
      PhoneNumber phone,
      Optional<String> firstName,
      Optional<String> lastName,
      Optional<String> email,
      Optional<String> company,
      Optional<String> title,
      Map<String, String> variables) {
    this(phone, firstName, lastName, email, company, title, variables, NO_METADATA);
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
