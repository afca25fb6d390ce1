package io.outdial.persistence.campaign;

import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignClosedException;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.Transition;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.jpa.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
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

  /** Stores a campaign (status {@code queued}) with its first contacts. */
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
    entity.status = CampaignStatus.QUEUED.wireName();
    entity.createdAt = campaign.createdAt();
    em.persist(entity);
    em.flush();
    changes.fire(new CampaignChanged(campaign.id()));
    return enqueue(entity, contacts, campaign.createdAt());
  }

  /**
   * Adds contacts to a campaign of this client; a phone number already in the campaign (or twice in
   * {@code contacts}) is skipped and counted as a duplicate.
   *
   * @return empty when the client has no such campaign
   * @throws CampaignClosedException when the campaign is completed or cancelled: its contacts would
   *     never be dialed
   */
  public Optional<Enqueued> addContacts(
      ClientId client, CampaignId id, List<NewContact> contacts, Instant now) {
    changes.fire(new CampaignChanged(id));
    return lockedEntity(client, id)
        .map(
            entity -> {
              CampaignStatus status = CampaignStatus.fromWire(entity.status);
              if (status.isTerminal()) {
                throw new CampaignClosedException(status);
              }
              return enqueue(entity, contacts, now);
            });
  }

  private Enqueued enqueue(CampaignEntity campaign, List<NewContact> contacts, Instant now) {
    // Plain JDBC for the bulk insert: inside the JTA transaction the data source hands out the
    // same physical connection that Hibernate used, so the campaign row just flushed is visible.
    long inserted;
    try (Connection connection = persistence.dataSource().getConnection()) {
      inserted = ContactInsert.insert(connection, campaign.id, contacts, now);
    } catch (SQLException e) {
      throw new PersistenceException("Could not enqueue contacts", e);
    }
    campaign.totalContacts += inserted;
    campaign.contactsEnqueued += inserted;
    return new Enqueued(inserted, contacts.size() - inserted);
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
   * @return empty when there is no such campaign
   * @throws io.outdial.core.campaign.IllegalTransitionException when the action is impossible
   */
  public Optional<Transition> apply(
      ClientId client, CampaignId id, CampaignAction action, Instant now) {
    return lockedEntity(client, id)
        .map(
            entity -> {
              Transition transition =
                  CampaignLifecycle.apply(CampaignStatus.fromWire(entity.status), action);
              if (transition.changed()) {
                changes.fire(new CampaignChanged(id));
                entity.status = transition.to().wireName();
                if (transition.to() == CampaignStatus.ACTIVE && entity.startedAt == null) {
                  entity.startedAt = now;
                }
                if (transition.to().isTerminal()) {
                  entity.endedAt = now;
                }
              }
              return transition;
            });
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
            entity.status = CampaignStatus.CANCELLED.wireName();
            entity.endedAt = now;
          }
          entity.deletedAt = now;
          changes.fire(new CampaignChanged(id));
          em.createNativeQuery(
                  "update contact set status = 'cancelled'"
                      + " where campaign_id = ?1 and status = 'pending'")
              .setParameter(1, entity.id)
              .executeUpdate();
        });
    return found.isPresent();
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
