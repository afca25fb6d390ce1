-- What the outbox costs every call's transactions, made smaller.
--
-- A delivery is written in the same statement as its event and events are never removed, so the
-- foreign key to webhook_event guarded nothing; its check cost every delivery a look-up and a row
-- lock on the event just written (a WAL record each) in the dialer's claims and outcomes.
alter table webhook_delivery drop constraint webhook_delivery_event_id_fkey;
-- Deliveries carry their subject; the one look-up by subject (withdrawing the call.started of a
-- call given back unplaced) reads the pending deliveries' index instead.
drop index webhook_event_by_subject;
