package io.outdial.rest.contact;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column that holds the phone number in an uploaded file's header: names matched in any case,
 * the first of them present wins.
 *
 * @param names the accepted header names, lower case, in order of preference
 */
record PhoneColumn(List<String> names) {
  /** Contact uploads: {@code phone}. */
  static final PhoneColumn CONTACTS = new PhoneColumn(List.of("phone"));

  /** Do-not-call uploads: {@code phone_number}, or {@code phone} as in contact files. */
  static final PhoneColumn DO_NOT_CALL = new PhoneColumn(List.of("phone_number", "phone"));

  PhoneColumn {
    names = List.copyOf(names);
  }

  /** Whether a header (its names as given) has the column. */
  boolean in(List<String> header) {
    return header.stream().anyMatch(name -> names.contains(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** The column's value in a row (header name to text), or null when it is blank. */
  String valueIn(Map<String, String> fields) {
    for (String wanted : names) {
      for (Map.Entry<String, String> field : fields.entrySet()) {
        if (field.getKey().strip().toLowerCase(Locale.ROOT).equals(wanted)
            && field.getValue() != null
            && !field.getValue().isBlank()) {
          return field.getValue().strip();
        }
      }
    }
    return null;
  }

  /** How an error names the column: {@code phone}, or {@code phone_number (or phone)}. */
  String describe() {
    return names.size() == 1
        ? names.get(0)
        : names.get(0) + " (or " + String.join(", ", names.subList(1, names.size())) + ")";
  }
}
