package io.outdial.persistence.usage;

import io.outdial.core.id.ClientId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** Reads the usage counters maintained with every call record (one row per client and month). */
@ApplicationScoped
@Transactional
public class UsageStore {
  @Inject EntityManager em;

  /** The client's usage in {@code period}; zeros when nothing happened. */
  public Usage usage(ClientId client, YearMonth period) {
    Instant from = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long campaigns =
        ((Number)
                em.createNativeQuery(
                        "select count(*) from campaign where client_id = ?1"
                            + " and created_at >= ?2 and created_at < ?3")
                    .setParameter(1, client.value())
                    .setParameter(2, from)
                    .setParameter(3, to)
                    .getSingleResult())
            .longValue();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select total_calls, total_seconds, human_answers, voicemails_dropped"
                    + " from client_usage where client_id = ?1 and period = ?2")
            .setParameter(1, client.value())
            .setParameter(2, period.toString())
            .getResultList();
    if (rows.isEmpty()) {
      return new Usage(client.value(), period, campaigns, 0, 0, 0, 0);
    }
    Object[] row = rows.get(0);
    return new Usage(
        client.value(),
        period,
        campaigns,
        ((Number) row[0]).longValue(),
        ((Number) row[1]).doubleValue(),
        ((Number) row[2]).longValue(),
        ((Number) row[3]).longValue());
  }
}
