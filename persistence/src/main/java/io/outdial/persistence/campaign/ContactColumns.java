package io.outdial.persistence.campaign;

import io.outdial.core.contact.ContactField;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The contact table's columns of the named contact fields, so that a query's select list and the
 * code reading its rows name the same fields in the same order.
 */
public final class ContactColumns {
  private ContactColumns() {}

  /** {@code t.first_name, t.last_name, ...}: the fields' columns under the table alias. */
  public static String select(String alias, List<ContactField> fields) {
    return fields.stream().map(f -> alias + "." + f.wireName()).collect(Collectors.joining(", "));
  }

  /** {@code first_name, last_name, ...}: the fields' columns, unqualified. */
  public static String select(List<ContactField> fields) {
    return fields.stream().map(ContactField::wireName).collect(Collectors.joining(", "));
  }
}
