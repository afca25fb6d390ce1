package io.outdial.persistence.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inserts contacts into a campaign in statements of up to {@link #ROWS_PER_STATEMENT} rows: each
 * column travels as one array parameter and {@code unnest} turns the arrays back into rows, so that
 * the database plans and runs one statement for many rows instead of one per row. The unique
 * constraint on (campaign, phone) stays the judge of duplicates ({@code ON CONFLICT DO NOTHING}):
 * the statement's update count is exactly the number of rows inserted. A number repeated within one
 * statement's rows is left out of it beforehand, so that of rows with the same number the first one
 * is kept (the constraint would keep whichever the database inserted first). Plain JDBC (standard
 * {@code createArrayOf}), no driver classes.
 */
final class ContactInsert {
  /** Rows per statement: large enough that per-statement costs vanish, small enough to stream. */
  static final int ROWS_PER_STATEMENT = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_VARIABLES = "{}";

  private static final String SQL =
      "insert into contact (campaign_id, phone, first_name, last_name, email, company, title,"
          + " variables, metadata, created_at)"
          + " select ?, r.phone, r.first_name, r.last_name, r.email, r.company, r.title,"
          + " r.variables::jsonb, r.metadata::jsonb, ?"
          + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[])"
          + " as r(phone, first_name, last_name, email, company, title, variables, metadata)"
          + " on conflict on constraint contact_phone_once_per_campaign do nothing";

  private ContactInsert() {}

  /**
   * Inserts {@code contacts} into campaign {@code campaignId} on {@code connection}.
   *
   * @return how many were inserted (the others were duplicates)
   */
  static long insert(
      Connection connection, String campaignId, List<NewContact> contacts, Instant now)
      throws SQLException {
    long inserted = 0;
    try (PreparedStatement insert = connection.prepareStatement(SQL)) {
      Timestamp createdAt = Timestamp.from(now);
      for (int from = 0; from < contacts.size(); from += ROWS_PER_STATEMENT) {
        List<NewContact> chunk =
            firstOfEachNumber(
                contacts.subList(from, Math.min(contacts.size(), from + ROWS_PER_STATEMENT)));
        int n = chunk.size();
        String[] phone = new String[n];
        String[] firstName = new String[n];
        String[] lastName = new String[n];
        String[] email = new String[n];
        String[] company = new String[n];
        String[] title = new String[n];
        String[] variables = new String[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
          NewContact contact = chunk.get(i);
          phone[i] = contact.phone().e164();
          firstName[i] = contact.firstName().orElse(null);
          lastName[i] = contact.lastName().orElse(null);
          email[i] = contact.email().orElse(null);
          company[i] = contact.company().orElse(null);
          title[i] = contact.title().orElse(null);
          variables[i] = json(contact);
          metadata[i] = contact.metadata();
        }
        insert.setString(1, campaignId);
        insert.setTimestamp(2, createdAt);
        String[][] columns = {
          phone, firstName, lastName, email, company, title, variables, metadata
        };
        Array[] arrays = new Array[columns.length];
        try {
          for (int c = 0; c < columns.length; c++) {
            arrays[c] = connection.createArrayOf("text", columns[c]);
            insert.setArray(3 + c, arrays[c]);
          }
          inserted += insert.executeUpdate();
        } finally {
          for (Array array : arrays) {
            if (array != null) {
              array.free();
            }
          }
        }
      }
    }
    return inserted;
  }

  /** The contacts without those whose number came earlier in the list (usually all of them). */
  private static List<NewContact> firstOfEachNumber(List<NewContact> contacts) {
    Set<String> seen = HashSet.newHashSet(contacts.size());
    List<NewContact> first = null;
    for (int i = 0; i < contacts.size(); i++) {
      boolean repeated = !seen.add(contacts.get(i).phone().e164());
      if (repeated && first == null) {
        first = new ArrayList<>(contacts.subList(0, i));
      } else if (!repeated && first != null) {
        first.add(contacts.get(i));
      }
    }
    return first == null ? contacts : first;
  }

  private static String json(NewContact contact) {
    if (contact.variables().isEmpty()) {
      return NO_VARIABLES;
    }
    try {
      return JSON.writeValueAsString(contact.variables());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
