-- What the outbox costs every call's transactions, made smaller.
--
-- A delivery is written in the same statement as its event and events are never removed, so the
-- foreign key to webhook_event guarded nothing; its check cost every delivery a look-up and a row
-- lock on the event just written (a WAL record each) in the dialer's claims and outcomes.
alter table webhook_delivery drop constraint webhook_delivery_event_id_fkey;
-- Deliveries carry their subject; the one look-up by subject (withdrawing the call.started of a
-- call given back unplaced) reads the pending deliveries' index instead.
drop index webhook_event_by_subject;

-- The transactions of the change an event reports write the event alone; the senders fan events
-- out into one delivery per subscribed endpoint afterwards, in the order the events were written
-- (seq). Events already there have their deliveries.
alter table webhook_event add column seq bigint generated always as identity;
alter table webhook_event add column fanned_out boolean not null default true;
alter table webhook_event alter column fanned_out set default false;
create index webhook_event_to_fan_out on webhook_event (seq) where not fanned_out;
