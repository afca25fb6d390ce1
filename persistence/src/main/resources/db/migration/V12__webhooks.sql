-- Webhooks: each client's endpoints, the outbox of events (written in the transaction of the change
-- each one reports) and one delivery per event and subscribed endpoint.

create table webhook_endpoint (
    id                    varchar(80)   primary key,
    client_id             varchar(64)   not null,
    url                   varchar(2048) not null,
    description           varchar(500),
    event_types           text[]        not null,
    secret                varchar(100)  not null,
    previous_secret       varchar(100),
    previous_secret_until timestamptz,
    status                varchar(32)   not null,
    disabled_reason       varchar(32),
    failing_since         timestamptz,
    verification_attempts integer       not null default 0,
    next_verification_at  timestamptz,
    verification_claimed_until timestamptz,
    last_error            varchar(500),
    verified_at           timestamptz,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    deleted_at            timestamptz
);
-- the outbox writers look for a client's subscribed endpoints on every event
create index webhook_endpoint_by_client on webhook_endpoint (client_id) where deleted_at is null;
create index webhook_endpoint_to_verify on webhook_endpoint (next_verification_at)
    where status = 'pending_verification' and deleted_at is null;

-- One row per event. The body is rendered at its first delivery from the rows the event names
-- (payload stays null until then) and kept, so every attempt and replay sends the same bytes.
create table webhook_event (
    id          varchar(80)  primary key,
    client_id   varchar(64)  not null,
    type        varchar(40)  not null,
    subject     varchar(80)  not null,
    data        jsonb,
    payload     text,
    created_at  timestamptz  not null
);
create index webhook_event_by_subject on webhook_event (subject);

-- seq orders the deliveries of one subject (a call, a campaign, a job) to one endpoint
create table webhook_delivery (
    seq              bigserial    primary key,
    id               varchar(80)  not null unique,
    event_id         varchar(80)  not null references webhook_event (id) on delete cascade,
    -- no foreign key: every outcome's transaction would take a share lock on the endpoint's one
    -- row, the hottest row of the client; endpoints are never removed, only marked deleted
    endpoint_id      varchar(80)  not null,
    client_id        varchar(64)  not null,
    subject          varchar(80)  not null,
    status           varchar(16)  not null,
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz,
    claimed_by       varchar(80),
    claimed_until    timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_latency_ms  integer,
    last_error       varchar(500),
    created_at       timestamptz  not null,
    delivered_at     timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at, seq) where status = 'pending';
create index webhook_delivery_ordered on webhook_delivery (endpoint_id, subject, seq)
    where status = 'pending';
create index webhook_delivery_log on webhook_delivery (endpoint_id, seq desc);
