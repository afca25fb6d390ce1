-- Idempotency-Key of create requests (POST /api/v1/campaigns, contact uploads, ...): one row per
-- client, method and path, and key. The first request reserves the key (status is null while it
-- runs, token names that run); its answer is stored when it ends below 500, else the row is deleted
-- so that a retry runs. A row counts until expires_at (24 h after the first request by default),
-- after which the key may be used again; expired rows are purged through the index on expires_at.
create table idempotency_key (
    client_id    varchar(255)  not null,
    scope        varchar(2048) not null,
    idem_key     varchar(255)  not null,
    fingerprint  bytea         not null,
    token        uuid          not null,
    reserved_at  timestamptz   not null,
    expires_at   timestamptz   not null,
    status       integer,
    content_type varchar(255),
    headers      jsonb,
    body         bytea,
    completed_at timestamptz,
    primary key (client_id, scope, idem_key)
);

create index idempotency_key_by_expiry on idempotency_key (expires_at);
