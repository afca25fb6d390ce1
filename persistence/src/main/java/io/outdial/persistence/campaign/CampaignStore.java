package io.outdial.persistence.campaign;

import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignClosedException;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.IllegalTransitionException;
import io.outdial.core.campaign.Transition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.jpa.PersistenceUnit;
import io.outdial.persistence.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns and contacts of every client. Every look-up is scoped by client: another client's
 * campaign is simply not found.
 */
@ApplicationScoped
@Transactional
public class CampaignStore {
  @Inject EntityManager em;
  @Inject PersistenceUnit persistence;
  @Inject Event<CampaignChanged> changes;

  /** The outcome of enqueuing contacts. */
  public record Enqueued(long inserted, long duplicates) {}

  /**
   * Stores a campaign with its first contacts: {@code scheduled} when it starts later, else {@code
   * queued}.
   */
  public Enqueued create(NewCampaign campaign, List<NewContact> contacts) {
    CampaignEntity entity = new CampaignEntity();
    entity.id = campaign.id().value();
    entity.clientId = campaign.clientId().value();
    entity.name = campaign.name();
    entity.voice = campaign.voice().wireName();
    entity.systemPrompt = campaign.systemPrompt();
    entity.callerId = campaign.callerId().e164();
    entity.maxConcurrent = campaign.maxConcurrent().value();
    entity.priority = campaign.priority().value();
    entity.greetingText = campaign.greetingText().orElse(null);
    entity.voicemailText = campaign.voicemailText().orElse(null);
    CampaignStatus initial =
        CampaignLifecycle.initial(campaign.scheduledStart(), campaign.createdAt());
    entity.status = initial.wireName();
    entity.createdAt = campaign.createdAt();
    entity.scheduledStart = campaign.scheduledStart().orElse(null);
    entity.retryMaxAttempts = RetryColumns.maxAttempts(campaign.retry());
    entity.retryStatuses = RetryColumns.statuses(campaign.retry());
    entity.retryDelaySeconds = RetryColumns.delaySeconds(campaign.retry());
    entity.retryBackoff = RetryColumns.backoff(campaign.retry());
    entity.callingStartMinute = CallingColumns.startMinute(campaign.calling());
    entity.callingEndMinute = CallingColumns.endMinute(campaign.calling());
    entity.callingDays = CallingColumns.days(campaign.calling());
    entity.maxAttemptsPerNumberPerDay = CallingColumns.maxAttemptsPerDay(campaign.calling());
    entity.smsFollowUpDispositions =
        campaign.smsFollowUp().map(io.outdial.core.sms.SmsFollowUp::column).orElse(null);
    entity.smsFollowUpText = campaign.smsFollowUp().map(f -> f.template().text()).orElse(null);
    entity.agentId = campaign.agentId().map(AgentId::value).orElse(null);
    if (campaign.agentId().isPresent()) {
      holdAgent(campaign);
    }
    em.persist(entity);
    em.flush();
    statusChanged(entity, Optional.empty(), initial, campaign.createdAt());
    changes.fire(new CampaignChanged(campaign.id()));
    return enqueue(entity, contacts, campaign.createdAt());
  }

  /**
   * Share-locks the campaign's agent until the commit, so that a concurrent delete of the agent
   * (which locks its row, then counts the campaigns using it) waits for this campaign and sees it.
   *
   * @throws AgentGoneException when the agent was deleted since the caller read it
   */
  private void holdAgent(NewCampaign campaign) {
    List<?> agent =
        em.createNativeQuery("select id from agent where id = ?1 and client_id = ?2 for share")
            .setParameter(1, campaign.agentId().orElseThrow().value())
            .setParameter(2, campaign.clientId().value())
            .getResultList();
    if (agent.isEmpty()) {
      throw new AgentGoneException();
    }
  }

  /**
   * Adds contacts to a campaign of this client; a phone number already in the campaign (or twice in
   * {@code contacts}) is skipped and counted as a duplicate.
   *
   * <p>The contacts are inserted before the campaign's row is locked: the lock is taken only at the
   * end, to add the counts and to check once more that the campaign is still open, so that a large
   * batch never holds up the dialer, which locks campaign rows to claim contacts and to record
   * outcomes. When the campaign ended or was deleted meanwhile, the exception rolls the transaction
   * back, its contacts included: contacts never land in an ended campaign. (No other transaction
   * sees a contact row before it is committed, so inserting the rows before locking the campaign
   * does not break the lock order of {@link io.outdial.persistence.dialing.DialQueue}.)
   *
   * @throws CampaignGoneException when the client has no such campaign (any more)
   * @throws CampaignClosedException when the campaign is completed or cancelled: its contacts would
   *     never be dialed
   */
  public Enqueued addContacts(
      ClientId client, CampaignId id, List<NewContact> contacts, Instant now) {
    // a first look without the lock: nothing is inserted into a campaign known to be gone or ended
    List<?> status =
        em.createNativeQuery(
                "select status from campaign where id = ?1 and client_id = ?2"
                    + " and deleted_at is null")
            .setParameter(1, id.value())
            .setParameter(2, client.value())
            .getResultList();
    requireOpen(status.stream().findFirst().map(String.class::cast));
    changes.fire(new CampaignChanged(id));
    try (Connection connection = persistence.dataSource().getConnection()) {
      long inserted = ContactInsert.insert(connection, id.value(), contacts, now);
      // the row lock, only now and until the commit: the counts, and the check that decides
      requireOpen(count(connection, client, id, inserted));
      return new Enqueued(inserted, contacts.size() - inserted);
    } catch (SQLException e) {
      throw new PersistenceException("Could not enqueue contacts", e);
    }
  }

  /**
   * Adds {@code inserted} to the campaign's contact counts, which locks its row.
   *
   * @return the campaign's status, empty when it is not the client's or is deleted
   */
  private static Optional<String> count(
      Connection connection, ClientId client, CampaignId id, long inserted) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update campaign set total_contacts = total_contacts + ?,"
                + " contacts_enqueued = contacts_enqueued + ?"
                + " where id = ? and client_id = ? and deleted_at is null returning status")) {
      update.setLong(1, inserted);
      update.setLong(2, inserted);
      update.setString(3, id.value());
      update.setString(4, client.value());
      try (ResultSet rows = update.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** Throws unless there is such a campaign ({@code status} present) and it has not ended. */
  private static void requireOpen(Optional<String> status) {
    CampaignStatus current =
        CampaignStatus.fromWire(status.orElseThrow(CampaignGoneException::new));
    if (current.isTerminal()) {
      throw new CampaignClosedException(current);
    }
  }

  private Enqueued enqueue(CampaignEntity campaign, List<NewContact> contacts, Instant now) {
    long inserted = insert(campaign.id, contacts, now);
    campaign.totalContacts += inserted;
    campaign.contactsEnqueued += inserted;
    return new Enqueued(inserted, contacts.size() - inserted);
  }

  /** Inserts contacts into a campaign; returns how many were new. */
  private long insert(String campaignId, List<NewContact> contacts, Instant now) {
    // Plain JDBC for the bulk insert: inside the JTA transaction the data source hands out the
    // same physical connection that Hibernate used, so a campaign row just flushed is visible.
    try (Connection connection = persistence.dataSource().getConnection()) {
      return ContactInsert.insert(connection, campaignId, contacts, now);
    } catch (SQLException e) {
      throw new PersistenceException("Could not enqueue contacts", e);
    }
  }

  /** This client's campaign, unless deleted. */
  public Optional<CampaignRecord> find(ClientId client, CampaignId id) {
    return entity(client, id).map(CampaignRecord::from);
  }

  /** This client's campaigns, oldest first, optionally only those in one status. */
  public Page<CampaignRecord> list(
      ClientId client, Optional<CampaignStatus> status, int limit, int offset) {
    String where =
        " from CampaignEntity c where c.clientId = :client and c.deletedAt is null"
            + (status.isPresent() ? " and c.status = :status" : "");
    var query =
        em.createQuery("select c" + where + " order by c.createdAt, c.id", CampaignEntity.class)
            .setParameter("client", client.value())
            .setFirstResult(offset)
            .setMaxResults(limit);
    var count =
        em.createQuery("select count(c)" + where, Long.class)
            .setParameter("client", client.value());
    status.ifPresent(
        s -> {
          query.setParameter("status", s.wireName());
          count.setParameter("status", s.wireName());
        });
    List<CampaignRecord> items = query.getResultStream().map(CampaignRecord::from).toList();
    return new Page<>(items, count.getSingleResult());
  }

  /**
   * Applies a lifecycle action to this client's campaign under a row lock.
   *
   * <p>An impossible action is answered, not thrown: an exception leaving a transactional method is
   * logged by the server as an incident, and an impossible action is an ordinary client error.
   *
   * @return empty when there is no such campaign; else the transition, or empty inside when the
   *     campaign's state does not allow the action
   */
  public Optional<Attempt> apply(
      ClientId client, CampaignId id, CampaignAction action, Instant now) {
    return lockedEntity(client, id)
        .map(
            entity -> {
              CampaignStatus from = CampaignStatus.fromWire(entity.status);
              Optional<Transition> allowed =
                  CampaignLifecycle.tryApply(
                      from, action, Optional.ofNullable(entity.scheduledStart), now);
              if (allowed.isEmpty()) {
                return new Attempt(from, action, Optional.empty());
              }
              Transition transition = allowed.get();
              if (transition.changed()) {
                statusChanged(entity, Optional.of(from), transition.to(), now);
                changes.fire(new CampaignChanged(id));
                entity.status = transition.to().wireName();
                entity.pauseReason = null; // the integrator's action, not the abandonment rule
                if (transition.to().isDialing() && entity.startedAt == null) {
                  entity.startedAt = now;
                }
                if (transition.to().isTerminal()) {
                  entity.endedAt = now;
                }
              }
              return new Attempt(from, action, allowed);
            });
  }

  /**
   * A lifecycle action tried on a campaign in state {@code from}: its transition, or empty when the
   * state does not allow it.
   */
  public record Attempt(CampaignStatus from, CampaignAction action, Optional<Transition> done) {
    /** The transition, or the conflict to answer. */
    public Transition orRefuse() {
      return done.orElseThrow(() -> new IllegalTransitionException(from, action));
    }
  }

  /**
   * Deletes this client's campaign: pending contacts are cancelled, the campaign is cancelled if it
   * had not ended, and from now on it is not found.
   *
   * @return whether there was such a campaign
   */
  public boolean delete(ClientId client, CampaignId id, Instant now) {
    Optional<CampaignEntity> found = lockedEntity(client, id);
    found.ifPresent(
        entity -> {
          CampaignStatus status = CampaignStatus.fromWire(entity.status);
          if (!status.isTerminal()) {
            statusChanged(entity, Optional.of(status), CampaignStatus.CANCELLED, now);
            entity.status = CampaignStatus.CANCELLED.wireName();
            entity.endedAt = now;
          }
          entity.deletedAt = now;
          changes.fire(new CampaignChanged(id));
          em.createNativeQuery(
                  "update contact set status = 'cancelled'"
                      + " where campaign_id = ?1 and status = '"
                      + ContactState.PENDING.wireName()
                      + "'")
              .setParameter(1, entity.id)
              .executeUpdate();
        });
    return found.isPresent();
  }

  /** Tells the client's webhooks, in this transaction. */
  private void statusChanged(
      CampaignEntity entity, Optional<CampaignStatus> from, CampaignStatus to, Instant at) {
    Outbox.StatusChange change =
        new Outbox.StatusChange(
            CampaignId.parse(entity.id), ClientId.of(entity.clientId), from, to);
    // the data source's connection in this JTA transaction: committed or rolled back with it
    try (java.sql.Connection c = persistence.dataSource().getConnection()) {
      Outbox.statusChanged(c, List.of(change), at);
    } catch (java.sql.SQLException e) {
      throw new PersistenceException("Could not write the campaign's webhook event", e);
    }
  }

  private Optional<CampaignEntity> entity(ClientId client, CampaignId id) {
    CampaignEntity entity = em.find(CampaignEntity.class, id.value());
    return Optional.ofNullable(entity)
        .filter(e -> e.deletedAt == null && e.clientId.equals(client.value()));
  }

  private Optional<CampaignEntity> lockedEntity(ClientId client, CampaignId id) {
    CampaignEntity entity =
        em.find(CampaignEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
    return Optional.ofNullable(entity)
        .filter(e -> e.deletedAt == null && e.clientId.equals(client.value()));
  }
}
