-- Retention of the webhook delivery log: events older than the retention with no delivery left
-- are purged, which asks "does this event still have a delivery?" once per event.
create index webhook_delivery_by_event on webhook_delivery (event_id);
