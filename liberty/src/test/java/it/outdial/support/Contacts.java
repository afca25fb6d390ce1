package it.outdial.support;

import java.util.List;

/** Contact lists for campaign requests. */
public final class Contacts {
  private Contacts() {}

  /**
   * A JSON array with one contact per phone: {@code [{"phone": "...", "first_name": "Contact0"},
   * ...]}.
   */
  public static String json(List<String> phones) {
    StringBuilder contacts = new StringBuilder("[");
    for (int i = 0; i < phones.size(); i++) {
      contacts
          .append(i == 0 ? "" : ",")
          .append("{\"phone\": \"")
          .append(phones.get(i))
          .append("\", \"first_name\": \"Contact")
          .append(i)
          .append("\"}");
    }
    return contacts.append("]").toString();
  }
}
