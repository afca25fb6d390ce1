package io.outdial.rest.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ValidationException;
import io.outdial.core.contact.PhoneNumberParser;
import io.outdial.core.contact.PhoneParseResult;
import io.outdial.persistence.call.MetadataBounds;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.rest.json.JsonProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns one contact's fields (a JSON object, later a CSV or sheet row) into a {@link NewContact}:
 * field names are case-insensitive, {@code phone} is required and normalised to E.164, the known
 * fields ({@code first_name}, {@code last_name}, {@code email}, {@code company}, {@code title}) are
 * kept as such and every other field becomes a contact variable. Variables go into the agent's
 * prompts: a contact may have at most {@code OUTDIAL_CONTACT_MAX_VARIABLES} of them (50 by
 * default), each named in at most {@value #MAX_VARIABLE_NAME_LENGTH} characters and of at most
 * {@code OUTDIAL_CONTACT_MAX_VARIABLE_CHARS} (1 000).
 *
 * <p>The field {@code metadata} is the integrator's own JSON object, given as its JSON text (a JSON
 * upload or an inline contact hands its value on as such; a CSV or sheet column of that name holds
 * the text): stored with the contact, shown in audit records and carried to the prompt as the
 * variables {@code metadata.<key>}. It must be an object of at most {@code
 * OUTDIAL_CONTACT_MAX_METADATA_BYTES} (16 384) bytes of compact JSON, within {@link
 * MetadataBounds}, its top-level keys named like variables; it does not count as a variable.
 */
@ApplicationScoped
public class ContactFields {
  private static final int MAX_VALUE_LENGTH = 200;
  private static final int MAX_EMAIL_LENGTH = 320;

  /** Characters of a variable's name. */
  public static final int MAX_VARIABLE_NAME_LENGTH = 64;

  @Inject
  @ConfigProperty(name = "outdial.phone.default-region", defaultValue = "US")
  String defaultRegion;

  /**
   * {@code possible} (the default) accepts any number of a plausible length for its country, such
   * as the fictional {@code +1 555} numbers of examples; {@code valid} also requires a real area
   * code.
   */
  @Inject
  @ConfigProperty(name = "outdial.phone.validation", defaultValue = "possible")
  String validation;

  /** Variables (fields other than the known ones, empty ones not counted) of one contact. */
  @Inject
  @ConfigProperty(name = "outdial.contact.max-variables", defaultValue = "50")
  int maxVariables;

  /** Characters of one variable's value. */
  @Inject
  @ConfigProperty(name = "outdial.contact.max-variable-chars", defaultValue = "1000")
  int maxVariableChars;

  /** Bytes of the compact JSON text of one contact's metadata. */
  @Inject
  @ConfigProperty(name = "outdial.contact.max-metadata-bytes", defaultValue = "16384")
  long maxMetadataBytes;

  private volatile PhoneNumberParser parser;

  /** For CDI, which sets the fields from the configuration. */
  public ContactFields() {}

  /** Fields parsed with these settings, outside CDI (tests, tools). */
  public ContactFields(
      String defaultRegion, String validation, int maxVariables, int maxVariableChars) {
    this(defaultRegion, validation, maxVariables, maxVariableChars, 16_384);
  }

  /** Fields parsed with these settings, outside CDI (tests, tools). */
  public ContactFields(
      String defaultRegion,
      String validation,
      int maxVariables,
      int maxVariableChars,
      long maxMetadataBytes) {
    this.defaultRegion = defaultRegion;
    this.validation = validation;
    this.maxVariables = maxVariables;
    this.maxVariableChars = maxVariableChars;
    this.maxMetadataBytes = maxMetadataBytes;
  }

  /** The name of the field that holds a contact's metadata. */
  public static final String METADATA = "metadata";

  /** The parser for phone numbers (caller IDs and contacts). */
  public PhoneNumberParser phones() {
    PhoneNumberParser current = parser;
    if (current == null) {
      PhoneNumberParser.Strictness strictness =
          "valid".equalsIgnoreCase(validation.strip())
              ? PhoneNumberParser.Strictness.VALID
              : PhoneNumberParser.Strictness.POSSIBLE;
      current = PhoneNumberParser.of(defaultRegion.strip().toUpperCase(Locale.ROOT), strictness);
      parser = current;
    }
    return current;
  }

  /** A contact, or why its phone number was refused. */
  public sealed interface Parsed {
    /** A contact whose phone number is usable. */
    record Accepted(NewContact contact) implements Parsed {}

    /** A contact whose phone number is not; {@code reason} says why. */
    record Refused(String reason) implements Parsed {}
  }

  /**
   * Parses one contact.
   *
   * @param fields field name to text value (names in any case)
   * @param where how to name this contact in an error, e.g. {@code contacts[3]}
   * @throws ValidationException when {@code phone} is missing, a known field is too long, the
   *     variables are too many or one of them too long (its name or its value), or {@code metadata}
   *     is not a JSON object within its bounds
   */
  public Parsed parse(Map<String, String> fields, String where) {
    Map<String, String> variables = new LinkedHashMap<>();
    String phone = null;
    String firstName = null;
    String lastName = null;
    String email = null;
    String company = null;
    String title = null;
    String metadata = NewContact.NO_METADATA;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String name = field.getKey().strip().toLowerCase(Locale.ROOT);
      String value = field.getValue() == null ? null : field.getValue().strip();
      if (value == null || value.isEmpty()) {
        continue;
      }
      switch (name) {
        case "phone" -> phone = value;
        case "first_name" -> firstName = limited(value, where, name, MAX_VALUE_LENGTH);
        case "last_name" -> lastName = limited(value, where, name, MAX_VALUE_LENGTH);
        case "email" -> email = limited(value, where, name, MAX_EMAIL_LENGTH);
        case "company" -> company = limited(value, where, name, MAX_VALUE_LENGTH);
        case "title" -> title = limited(value, where, name, MAX_VALUE_LENGTH);
        case METADATA -> metadata = metadata(value, where + "." + METADATA);
        default -> variable(variables, name, value, where);
      }
    }
    if (phone == null) {
      throw new ValidationException(where + ".phone", where + ".phone is required");
    }
    PhoneParseResult result = phones().parse(phone);
    if (result.number().isEmpty()) {
      return new Parsed.Refused(result.reason().orElse("phone is not a phone number"));
    }
    return new Parsed.Accepted(
        new NewContact(
            result.number().get(),
            Optional.ofNullable(firstName),
            Optional.ofNullable(lastName),
            Optional.ofNullable(email),
            Optional.ofNullable(company),
            Optional.ofNullable(title),
            variables,
            metadata));
  }

  /** The compact JSON text of the metadata object in {@code json}, checked. */
  private String metadata(String json, String where) {
    JsonNode node;
    try {
      node = JsonProvider.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(where, where + " must be a JSON object (it is not JSON)");
    }
    String compact =
        switch (MetadataBounds.check(node, maxMetadataBytes)) {
          case MetadataBounds.Verdict.Fits fits -> fits.json();
          case MetadataBounds.Verdict.NotAnObject notAnObject ->
              throw new ValidationException(where, where + " must be a JSON object");
          case MetadataBounds.Verdict.TooLarge tooLarge ->
              throw new ValidationException(
                  where,
                  where
                      + " is larger than "
                      + tooLarge.limit()
                      + " bytes of JSON (OUTDIAL_CONTACT_MAX_METADATA_BYTES)");
          case MetadataBounds.Verdict.TooComplex complex ->
              throw new ValidationException(where, where + " " + complex.reason());
        };
    for (String key : (Iterable<String>) node::fieldNames) {
      if (key.length() > MAX_VARIABLE_NAME_LENGTH) {
        throw new ValidationException(
            where,
            where
                + " has a key named in more than "
                + MAX_VARIABLE_NAME_LENGTH
                + " characters: "
                + key.substring(0, MAX_VARIABLE_NAME_LENGTH)
                + "...");
      }
    }
    return compact;
  }

  private void variable(Map<String, String> variables, String name, String value, String where) {
    if (name.length() > MAX_VARIABLE_NAME_LENGTH) {
      throw new ValidationException(
          where,
          where
              + " has a field named in more than "
              + MAX_VARIABLE_NAME_LENGTH
              + " characters: "
              + name.substring(0, MAX_VARIABLE_NAME_LENGTH)
              + "...");
    }
    variables.put(name, limited(value, where, name, maxVariableChars));
    if (variables.size() > maxVariables) {
      throw new ValidationException(
          where,
          where
              + " has more than "
              + maxVariables
              + " variables (fields other than phone, first_name, last_name, email, company and"
              + " title)");
    }
  }

  private static String limited(String value, String where, String name, int max) {
    if (value.length() > max) {
      throw new ValidationException(
          where + "." + name, where + "." + name + " must be at most " + max + " characters");
    }
    return value;
  }
}
