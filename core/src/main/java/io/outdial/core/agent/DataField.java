package io.outdial.core.agent;

import io.outdial.core.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One structured-data field that post-call analysis extracts from a call.
 *
 * @param name a snake_case key of the result ({@code interested}, {@code preferred_shift})
 * @param type its JSON type
 * @param description what the field means, for the model (and the deterministic extractor)
 * @param enumValues the values it may take (only for {@code string}); empty: any value
 */
public record DataField(
    String name, DataType type, Optional<String> description, List<String> enumValues) {
  /** At most this many enum values per field. */
  public static final int MAX_ENUM_VALUES = 50;

  static final int MAX_DESCRIPTION = 1_000;
  static final int MAX_ENUM_VALUE = 100;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public DataField {
    Objects.requireNonNull(type, "type");
    description = Objects.requireNonNull(description, "description").filter(d -> !d.isBlank());
    enumValues = List.copyOf(enumValues);
  }

  /**
   * A field as a client wrote it, checked; every refusal names {@code where} (for example {@code
   * analysis_plan.structured_data[0]}) and the member.
   */
  public static DataField of(
      String where, String name, String type, String description, List<String> enumValues) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ValidationException(
          where + ".name",
          where + ".name must be 1 to 64 lower-case letters, digits or _ starting with a letter");
    }
    DataType dataType = DataType.fromWire(where + ".type", type);
    if (description != null && description.strip().length() > MAX_DESCRIPTION) {
      throw new ValidationException(
          where + ".description",
          where + ".description must be at most " + MAX_DESCRIPTION + " characters");
    }
    List<String> values = enumValues == null ? List.of() : enumValues;
    if (!values.isEmpty() && dataType != DataType.STRING) {
      throw new ValidationException(
          where + ".enum", where + ".enum is allowed only for fields of type string");
    }
    if (values.size() > MAX_ENUM_VALUES) {
      throw new ValidationException(
          where + ".enum", where + ".enum must have at most " + MAX_ENUM_VALUES + " values");
    }
    var seen = new HashSet<String>();
    for (String value : values) {
      if (value == null || value.isBlank() || value.length() > MAX_ENUM_VALUE) {
        throw new ValidationException(
            where + ".enum",
            where
                + ".enum values must be non-empty texts of at most "
                + MAX_ENUM_VALUE
                + " characters");
      }
      if (!seen.add(value)) {
        throw new ValidationException(where + ".enum", where + ".enum lists '" + value + "' twice");
      }
    }
    return new DataField(
        name, dataType, Optional.ofNullable(description).map(String::strip), values);
  }
}
