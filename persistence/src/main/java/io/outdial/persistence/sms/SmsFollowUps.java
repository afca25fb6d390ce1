package io.outdial.persistence.sms;

import io.outdial.core.sms.SmsFollowUp;
import io.outdial.persistence.dialing.PromptVariables;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Queues campaigns' follow-up messages in the transaction that writes calls' outcomes: a call that
 * ended with one of its campaign's {@code sms_follow_up} dispositions gets its message, rendered
 * with the contact's fields, at most once per call. Do-not-call and calling hours are the sender's
 * to check when it sends.
 */
public final class SmsFollowUps {
  private static final String[] FIELDS = {
    "first_name", "last_name", "email", "company", "title", "phone"
  };

  private SmsFollowUps() {}

  /**
   * A call that ended.
   *
   * @param disposition its wire name
   */
  public record Ended(
      String callId, String clientId, String campaignId, long contactId, String disposition) {}

  /**
   * Queues the follow-ups of {@code ended} in the caller's transaction.
   *
   * @return how many were queued
   */
  public static int enqueue(Connection c, List<Ended> ended, Instant now) throws SQLException {
    if (ended.isEmpty()) {
      return 0;
    }
    Set<String> campaignIds = new TreeSet<>();
    ended.forEach(e -> campaignIds.add(e.campaignId()));
    Map<String, SmsFollowUp> followUps = new HashMap<>();
    Map<String, String> callerIds = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, caller_id, sms_follow_up_dispositions, sms_follow_up_text from campaign"
                + " where id = any(?) and sms_follow_up_text is not null")) {
      s.setArray(1, c.createArrayOf("varchar", campaignIds.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          followUps.put(r.getString(1), SmsFollowUp.read(r.getString(3), r.getString(4)));
          callerIds.put(r.getString(1), r.getString(2));
        }
      }
    }
    if (followUps.isEmpty()) {
      return 0;
    }
    List<Ended> due = new ArrayList<>();
    for (Ended e : ended) {
      SmsFollowUp f = followUps.get(e.campaignId());
      if (f != null && f.after(io.outdial.core.contact.Disposition.fromWire(e.disposition()))) {
        due.add(e);
      }
    }
    if (due.isEmpty()) {
      return 0;
    }
    Map<Long, Map<String, String>> contacts = contacts(c, due);
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into sms_message (id, client_id, campaign_id, contact_id, call_id, to_phone,"
                + " from_phone, body, status, not_before, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)"
                + " on conflict (call_id) where call_id is not null do nothing")) {
      int batched = 0;
      for (Ended e : due) {
        Map<String, String> fields = contacts.get(e.contactId());
        if (fields == null) {
          continue;
        }
        s.setString(1, JdbcSmsMessages.newId());
        s.setString(2, e.clientId());
        s.setString(3, e.campaignId());
        s.setLong(4, e.contactId());
        s.setString(5, e.callId());
        s.setString(6, fields.get("phone"));
        s.setString(7, callerIds.get(e.campaignId()));
        s.setString(8, followUps.get(e.campaignId()).template().render(fields));
        JdbcSmsMessages.set(s, 9, now);
        JdbcSmsMessages.set(s, 10, now);
        JdbcSmsMessages.set(s, 11, now);
        s.addBatch();
        batched++;
      }
      if (batched == 0) {
        return 0;
      }
      int queued = 0;
      for (int n : s.executeBatch()) {
        queued += Math.max(n, 0);
      }
      return queued;
    }
  }

  /** The contacts' template variables by contact id. */
  private static Map<Long, Map<String, String>> contacts(Connection c, List<Ended> due)
      throws SQLException {
    Map<Long, Map<String, String>> contacts = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, first_name, last_name, email, company, title, phone, metadata::text"
                + " from contact where id = any(?)")) {
      s.setArray(1, c.createArrayOf("int8", due.stream().map(Ended::contactId).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, String> fields = new HashMap<>();
          for (int i = 0; i < FIELDS.length; i++) {
            String value = r.getString(i + 2);
            if (value != null) {
              fields.put(FIELDS[i], value);
            }
          }
          try {
            PromptVariables.addMetadata(r.getString(8), fields);
          } catch (IOException e) {
            // metadata that is not JSON adds no variables; the message still goes
          }
          contacts.put(r.getLong(1), fields);
        }
      }
    }
    return contacts;
  }
}
