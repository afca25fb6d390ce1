-- The dialer's transactions write an event row only; the senders expand events into one delivery
-- per subscribed endpoint in their own transactions, off the dialer's path (Outbox.expand).
-- unexpanded is true from the event's write until a sender expanded it, null after that and for
-- the events written before this migration, whose deliveries were written with them.
alter table webhook_event add column unexpanded boolean;
create index webhook_event_unexpanded on webhook_event (id) where unexpanded;
