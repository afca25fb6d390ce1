package io.outdial.persistence.ratelimit;

import io.outdial.persistence.jpa.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What servers allowed under their rate limits, per key and second (plain JDBC, one statement). */
@ApplicationScoped
@Transactional
public class RateUsageStore {
  @Inject PersistenceUnit persistence;

  /** Adds this server's allowed requests. */
  public void add(String serverId, List<RateHits> hits) {
    if (hits.isEmpty()) {
      return;
    }
    try (Connection c = persistence.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into rate_usage (policy, key_hash, server_id, second, hits)"
                    + " values (?, ?, ?, ?, ?) on conflict (policy, key_hash, second, server_id)"
                    + " do update set hits = rate_usage.hits + excluded.hits")) {
      // one order for every server, so that two flushes never wait on each other in a circle
      List<RateHits> sorted = new ArrayList<>(hits);
      sorted.sort(
          java.util.Comparator.comparing(RateHits::policy)
              .thenComparing(RateHits::keyHash)
              .thenComparingLong(RateHits::second));
      for (RateHits h : sorted) {
        s.setString(1, h.policy());
        s.setString(2, h.keyHash());
        s.setString(3, serverId);
        s.setLong(4, h.second());
        s.setInt(5, h.hits());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new PersistenceException("Could not record rate-limit usage", e);
    }
  }

  /** What the other servers allowed from {@code fromSecond} on, summed over those servers. */
  public List<RateHits> others(String serverId, long fromSecond) {
    List<RateHits> rows = new ArrayList<>();
    try (Connection c = persistence.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select policy, key_hash, second, sum(hits) from rate_usage"
                    + " where second >= ? and server_id <> ? group by policy, key_hash, second")) {
      s.setLong(1, fromSecond);
      s.setString(2, serverId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new RateHits(r.getString(1), r.getString(2), r.getLong(3), r.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not read rate-limit usage", e);
    }
    return rows;
  }

  /** Deletes usage older than {@code beforeSecond}. */
  public void prune(long beforeSecond) {
    try (Connection c = persistence.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("delete from rate_usage where second < ?")) {
      s.setLong(1, beforeSecond);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new PersistenceException("Could not prune rate-limit usage", e);
    }
  }
}
