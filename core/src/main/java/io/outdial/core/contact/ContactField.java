package io.outdial.core.contact;

import io.outdial.core.WireNames;
import java.util.List;

/**
 * A contact's named fields, in the order every view shows them: the API's contact objects, the
 * audit records, the webhook bodies and the agent's prompt variables use these names.
 */
public enum ContactField {
  PHONE,
  FIRST_NAME,
  LAST_NAME,
  EMAIL,
  COMPANY,
  TITLE;

  /** Every field but the phone number: what a person's name and organisation are made of. */
  public static final List<ContactField> DESCRIPTIVE =
      List.of(FIRST_NAME, LAST_NAME, EMAIL, COMPANY, TITLE);

  /** Every field, the phone number first. */
  public static final List<ContactField> ALL = List.of(values());

  /** The name on the wire (also the contact table's column). */
  public String wireName() {
    return WireNames.of(this);
  }
}
