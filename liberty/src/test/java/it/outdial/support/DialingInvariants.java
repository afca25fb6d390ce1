package it.outdial.support;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What must hold of the call and contact records of any dialing run, read straight from the
 * database. Each check answers the rows that break it (empty when it holds), so that an assertion
 * failure shows them.
 */
public final class DialingInvariants {
  /** Dispositions where a person answered: they count as {@code human_answers}. */
  public static final List<String> HUMAN =
      List.of(
          "human_interested",
          "human_not_interested",
          "callback_requested",
          "do_not_call",
          "wrong_number");

  /** Dispositions counted as {@code errors}. */
  public static final List<String> ERRORS = List.of("failed", "timeout");

  /** Dispositions counted as {@code no_answer}. */
  public static final List<String> UNREACHED = List.of("no_answer", "busy");

  /** Contact states a contact ends in (see the V5 migration): every other state is still open. */
  public static final List<String> FINAL_CONTACT_STATES =
      List.of("done", "do_not_call", "cancelled", "no_calling_window");

  private DialingInvariants() {}

  /** Calls of these campaigns that were hung up as {@code cancelled}. */
  public static List<Map<String, Object>> cancelledCalls(
      TestServer server, Collection<String> campaigns) {
    return Database.rows(
        server,
        "select id, campaign_id, contact_id, attempt, started_at, ended_at, server_id from call"
            + " where campaign_id = any(?) and disposition = 'cancelled' order by started_at",
        campaigns);
  }

  /** Calls of these campaigns still open (no end). */
  public static List<Map<String, Object>> openCalls(
      TestServer server, Collection<String> campaigns) {
    return Database.rows(
        server,
        "select id, campaign_id, contact_id, started_at, server_id from call"
            + " where campaign_id = any(?) and ended_at is null order by started_at",
        campaigns);
  }

  /** Contacts of these campaigns whose status is one of {@code states}. */
  public static List<Map<String, Object>> contactsIn(
      TestServer server, Collection<String> campaigns, Collection<String> states) {
    return Database.rows(
        server,
        "select id, campaign_id, phone, status, attempts, last_disposition from contact"
            + " where campaign_id = any(?) and status = any(?) order by id",
        campaigns,
        states);
  }

  /** Contacts of these campaigns that are not in one of {@code states}. */
  public static List<Map<String, Object>> contactsNotIn(
      TestServer server, Collection<String> campaigns, Collection<String> states) {
    return Database.rows(
        server,
        "select id, campaign_id, phone, status, attempts, last_disposition from contact"
            + " where campaign_id = any(?) and not (status = any(?)) order by id",
        campaigns,
        states);
  }

  /**
   * Calls that started while more calls of their campaign than its {@code max_concurrent} were up:
   * for each call start {@code s}, the calls of the same campaign with {@code started_at <= s <
   * ended_at} (an open call has no end yet). Interval overlap of the records, not sampling: it
   * holds when a call's {@code started_at} is no earlier than the claim that counted it against the
   * cap, so that a call claimed in the slot another call freed starts after that call ended.
   */
  public static List<Map<String, Object>> capExceeded(
      TestServer server, Collection<String> campaigns) {
    return Database.rows(
        server,
        "select s.id, s.campaign_id, s.server_id, s.started_at, cp.max_concurrent,"
            + " up.calls as up, up.which"
            + " from call s join campaign cp on cp.id = s.campaign_id"
            + " cross join lateral (select count(*) as calls, string_agg(o.id || ' on '"
            + "   || coalesce(o.server_id, '?') || ' ' || o.started_at || ' - '"
            + "   || coalesce(o.ended_at::text, 'open'), ', ' order by o.started_at) as which"
            + "   from call o"
            + "   where o.campaign_id = s.campaign_id and o.started_at <= s.started_at"
            + "   and s.started_at < coalesce(o.ended_at, 'infinity'::timestamptz)) up"
            + " where s.campaign_id = any(?) and up.calls > cp.max_concurrent"
            + " order by s.started_at",
        campaigns);
  }

  /** Pairs of calls of one contact whose [started_at, ended_at) overlap. */
  public static List<Map<String, Object>> contactOnTwoCallsAtOnce(
      TestServer server, Collection<String> campaigns) {
    return Database.rows(
        server,
        "select x.contact_id, x.id, x.started_at, x.ended_at, y.id as other,"
            + " y.started_at as other_started_at, y.ended_at as other_ended_at"
            + " from call x join call y on x.contact_id = y.contact_id and x.id < y.id"
            + " where x.campaign_id = any(?)"
            + " and tstzrange(x.started_at, x.ended_at) && tstzrange(y.started_at, y.ended_at)",
        campaigns);
  }

  /** Calls of the campaign that started at or after {@code from} and at or before {@code to}. */
  public static List<Map<String, Object>> callsStartedBetween(
      TestServer server, String campaign, Instant from, Instant to) {
    return Database.rows(
        server,
        "select id, contact_id, started_at, ended_at, disposition, server_id from call"
            + " where campaign_id = ? and started_at >= ? and started_at <= ? order by started_at",
        campaign,
        from,
        to);
  }

  /**
   * Calls that cross tenants or campaigns: a call whose client is not its campaign's client, or
   * whose contact belongs to another campaign.
   */
  public static List<Map<String, Object>> foreignCalls(
      TestServer server, Collection<String> campaigns) {
    return Database.rows(
        server,
        "select c.id, c.campaign_id, c.client_id, cp.client_id as campaign_client,"
            + " t.campaign_id as contact_campaign"
            + " from call c join campaign cp on cp.id = c.campaign_id"
            + " join contact t on t.id = c.contact_id"
            + " where c.campaign_id = any(?)"
            + " and (c.client_id <> cp.client_id or t.campaign_id <> c.campaign_id)",
        campaigns);
  }

  /**
   * Sums over call records.
   *
   * @param voicemailsLeft voicemail calls whose transcript holds the campaign's voicemail text as
   *     the agent's turn: the voicemails dropped
   * @param seconds the sum of {@code duration_s}
   */
  public record CallSums(
      long calls,
      long open,
      long humans,
      long voicemails,
      long errors,
      long unreached,
      long cancelled,
      long voicemailsLeft,
      double seconds) {}

  private static final String SUMS =
      "select count(*) as calls,"
          + " count(*) filter (where c.ended_at is null) as open,"
          + " count(*) filter (where c.disposition = any(?)) as humans,"
          + " count(*) filter (where c.disposition = 'voicemail') as voicemails,"
          + " count(*) filter (where c.disposition = any(?)) as errors,"
          + " count(*) filter (where c.disposition = any(?)) as unreached,"
          + " count(*) filter (where c.disposition = 'cancelled') as cancelled,"
          + " count(*) filter (where c.disposition = 'voicemail' and c.transcript @>"
          + "   jsonb_build_array(jsonb_build_object('role', 'assistant',"
          + "   'content', cp.voicemail_text))) as voicemails_left,"
          + " coalesce(sum(c.duration_s), 0) as seconds"
          + " from call c join campaign cp on cp.id = c.campaign_id";

  /** Sums over the calls of one campaign. */
  public static CallSums campaignSums(TestServer server, String campaign) {
    return sums(
        Database.rows(server, SUMS + " where c.campaign_id = ?", HUMAN, ERRORS, UNREACHED, campaign)
            .get(0));
  }

  /** Sums over a client's calls (of every campaign, deleted ones too) that started in a month. */
  public static CallSums clientSums(TestServer server, String client, YearMonth period) {
    return sums(
        Database.rows(
                server,
                SUMS
                    + " where c.client_id = ?"
                    + " and to_char(c.started_at at time zone 'UTC', 'YYYY-MM') = ?",
                HUMAN,
                ERRORS,
                UNREACHED,
                client,
                period.toString())
            .get(0));
  }

  /** The months (UTC) in which the client's calls started. */
  public static List<YearMonth> callMonths(TestServer server, String client) {
    return Database.rows(
            server,
            "select distinct to_char(started_at at time zone 'UTC', 'YYYY-MM') as period"
                + " from call where client_id = ? order by 1",
            client)
        .stream()
        .map(r -> YearMonth.parse((String) r.get("period")))
        .toList();
  }

  private static CallSums sums(Map<String, Object> row) {
    return new CallSums(
        ((Number) row.get("calls")).longValue(),
        ((Number) row.get("open")).longValue(),
        ((Number) row.get("humans")).longValue(),
        ((Number) row.get("voicemails")).longValue(),
        ((Number) row.get("errors")).longValue(),
        ((Number) row.get("unreached")).longValue(),
        ((Number) row.get("cancelled")).longValue(),
        ((Number) row.get("voicemails_left")).longValue(),
        ((Number) row.get("seconds")).doubleValue());
  }
}
