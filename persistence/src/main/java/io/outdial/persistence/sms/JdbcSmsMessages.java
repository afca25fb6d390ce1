package io.outdial.persistence.sms;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.core.sms.SmsStatus;
import io.outdial.persistence.campaign.CallingColumns;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.Transactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link SmsMessages} on PostgreSQL ({@code sms_message}), plain JDBC on a {@link Transactor}. */
public final class JdbcSmsMessages implements SmsMessages {
  /** Errors are kept this long at most (the column's width). */
  static final int MAX_ERROR = 500;

  private static final String COLUMNS =
      "id, client_id, campaign_id, contact_id, call_id, to_phone, from_phone, body, status,"
          + " provider_message_id, error, attempts, created_at, updated_at, sent_at";

  private final Transactor tx;

  public JdbcSmsMessages(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  /** A new message id, {@code sms_} and 32 hex digits. */
  static String newId() {
    return "sms_" + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public Enqueued enqueue(NewSms m, Instant now) {
    return tx.inTransaction(
        "store a text message",
        c -> {
          Optional<PhoneNumber> from = m.from();
          if (m.campaign().isPresent()) {
            Optional<PhoneNumber> callerId = callerId(c, m.client(), m.campaign().get().value());
            if (callerId.isEmpty()) {
              return new Enqueued.CampaignNotFound();
            }
            from = from.or(() -> callerId);
          }
          if (from.isEmpty()) {
            return new Enqueued.NoSender();
          }
          if (m.contactId().isPresent() && !contactOf(c, m.client(), m.contactId().get())) {
            return new Enqueued.ContactNotFound();
          }
          if (onDoNotCall(c, m.client(), m.to())) {
            return new Enqueued.OnDoNotCall();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into sms_message (id, client_id, campaign_id, contact_id, to_phone,"
                      + " from_phone, body, status, not_before, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) returning "
                      + COLUMNS)) {
            s.setString(1, newId());
            s.setString(2, m.client().value());
            s.setString(3, m.campaign().map(id -> id.value()).orElse(null));
            if (m.contactId().isPresent()) {
              s.setLong(4, m.contactId().get());
            } else {
              s.setNull(4, Types.BIGINT);
            }
            s.setString(5, m.to().e164());
            s.setString(6, from.get().e164());
            s.setString(7, m.text());
            set(s, 8, now);
            set(s, 9, now);
            set(s, 10, now);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return new Enqueued.Queued(record(r));
            }
          }
        });
  }

  private static Optional<PhoneNumber> callerId(Connection c, ClientId client, String campaign)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select caller_id from campaign where id = ? and client_id = ?"
                + " and deleted_at is null")) {
      s.setString(1, campaign);
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(PhoneNumber.ofE164(r.getString(1))) : Optional.empty();
      }
    }
  }

  private static boolean contactOf(Connection c, ClientId client, long contact)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select 1 from contact t join campaign a on a.id = t.campaign_id"
                + " where t.id = ? and a.client_id = ?")) {
      s.setLong(1, contact);
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static boolean onDoNotCall(Connection c, ClientId client, PhoneNumber phone)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select 1 from do_not_call where client_id = ? and phone = ?")) {
      s.setString(1, client.value());
      s.setString(2, phone.e164());
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  @Override
  public Optional<SmsRecord> find(ClientId client, String id) {
    return tx.inTransaction(
        "read a text message",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + COLUMNS + " from sms_message where id = ? and client_id = ?")) {
            s.setString(1, id);
            s.setString(2, client.value());
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(record(r)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Page<SmsRecord> list(ClientId client, Optional<String> campaign, int limit, long offset) {
    return tx.inTransaction(
        "list text messages",
        c -> {
          String where = " where client_id = ? and (?::varchar is null or campaign_id = ?)";
          long total;
          try (PreparedStatement s =
              c.prepareStatement("select count(*) from sms_message" + where)) {
            bindFilter(s, client, campaign);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          List<SmsRecord> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from sms_message"
                      + where
                      + " order by created_at desc, id limit ? offset ?")) {
            bindFilter(s, client, campaign);
            s.setInt(4, limit);
            s.setLong(5, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(record(r));
              }
            }
          }
          return new Page<>(items, total);
        });
  }

  private static void bindFilter(PreparedStatement s, ClientId client, Optional<String> campaign)
      throws SQLException {
    s.setString(1, client.value());
    s.setString(2, campaign.orElse(null));
    s.setString(3, campaign.orElse(null));
  }

  @Override
  public List<ClaimedSms> claim(int max, Instant now, Duration lease) {
    if (max <= 0) {
      return List.of();
    }
    return tx.inTransaction(
        "claim text messages",
        c -> {
          List<ClaimedSms> claimed = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "with due as (select id from sms_message where status = 'queued'"
                      + " and not_before <= ? and (claimed_until is null or claimed_until < ?)"
                      + " order by not_before, id limit ? for update skip locked)"
                      + " update sms_message m set claimed_until = ?, attempts = m.attempts + 1,"
                      + " updated_at = ? from due where m.id = due.id"
                      + " returning m.id, m.client_id, m.to_phone, m.from_phone, m.body,"
                      + " m.attempts,"
                      + " (select calling_start_minute from campaign a where a.id = m.campaign_id),"
                      + " (select calling_end_minute from campaign a where a.id = m.campaign_id),"
                      + " (select calling_days from campaign a where a.id = m.campaign_id),"
                      + " exists (select 1 from do_not_call d where d.client_id = m.client_id"
                      + " and d.phone = m.to_phone)")) {
            set(s, 1, now);
            set(s, 2, now);
            s.setInt(3, max);
            set(s, 4, now.plus(lease));
            set(s, 5, now);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                claimed.add(
                    new ClaimedSms(
                        r.getString(1),
                        ClientId.of(r.getString(2)),
                        PhoneNumber.ofE164(r.getString(3)),
                        PhoneNumber.ofE164(r.getString(4)),
                        r.getString(5),
                        r.getInt(6),
                        CallingColumns.read(
                            (Integer) r.getObject(7),
                            (Integer) r.getObject(8),
                            r.getString(9),
                            null),
                        r.getBoolean(10)));
              }
            }
          }
          claimed.sort(java.util.Comparator.comparing(ClaimedSms::id));
          return claimed;
        });
  }

  @Override
  public boolean sent(String id, String providerMessageId, Instant now) {
    return finish(id, SmsStatus.SENT, providerMessageId, null, now);
  }

  @Override
  public boolean failed(String id, String error, Instant now) {
    return finish(id, SmsStatus.FAILED, null, error, now);
  }

  @Override
  public boolean refused(String id, String reason, Instant now) {
    return finish(id, SmsStatus.REFUSED, null, reason, now);
  }

  private boolean finish(
      String id, SmsStatus status, String providerMessageId, String error, Instant now) {
    return tx.inTransaction(
        "record a text message's " + status.wireName(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update sms_message set status = ?, provider_message_id = ?, error = ?,"
                      + " claimed_until = null, updated_at = ?,"
                      + " sent_at = case when ? then ? end"
                      + " where id = ? and status = 'queued'")) {
            s.setString(1, status.wireName());
            s.setString(2, providerMessageId);
            s.setString(3, clip(error));
            set(s, 4, now);
            s.setBoolean(5, status == SmsStatus.SENT);
            set(s, 6, now);
            s.setString(7, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean retry(String id, Optional<String> error, Instant at, Instant now) {
    return tx.inTransaction(
        "give a text message back",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update sms_message set not_before = ?, claimed_until = null, updated_at = ?,"
                      + " error = coalesce(?, error),"
                      + " attempts = case when ? then attempts - 1 else attempts end"
                      + " where id = ? and status = 'queued'")) {
            set(s, 1, at);
            set(s, 2, now);
            s.setString(3, clip(error.orElse(null)));
            s.setBoolean(4, error.isEmpty());
            s.setString(5, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  private static String clip(String error) {
    if (error == null || error.length() <= MAX_ERROR) {
      return error;
    }
    return error.substring(0, MAX_ERROR - 3) + "...";
  }

  static void set(PreparedStatement s, int index, Instant at) throws SQLException {
    s.setObject(index, at == null ? null : at.atOffset(ZoneOffset.UTC));
  }

  private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
    return Optional.ofNullable(r.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  private static SmsRecord record(ResultSet r) throws SQLException {
    long contact = r.getLong("contact_id");
    Optional<Long> contactId = r.wasNull() ? Optional.empty() : Optional.of(contact);
    return new SmsRecord(
        r.getString("id"),
        ClientId.of(r.getString("client_id")),
        Optional.ofNullable(r.getString("campaign_id")),
        contactId,
        Optional.ofNullable(r.getString("call_id")),
        PhoneNumber.ofE164(r.getString("to_phone")),
        PhoneNumber.ofE164(r.getString("from_phone")),
        r.getString("body"),
        SmsStatus.fromWire(r.getString("status")),
        Optional.ofNullable(r.getString("provider_message_id")),
        Optional.ofNullable(r.getString("error")),
        r.getInt("attempts"),
        instant(r, "created_at").orElseThrow(),
        instant(r, "updated_at").orElseThrow(),
        instant(r, "sent_at"));
  }
}
