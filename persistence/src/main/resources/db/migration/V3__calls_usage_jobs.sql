-- One row per call attempt: what the dialer did, what was said, what the agent understood.
create table call (
    id            varchar(80)  primary key,
    campaign_id   varchar(80)  not null references campaign (id),
    client_id     varchar(64)  not null,
    contact_id    bigint       not null references contact (id),
    attempt       integer      not null default 1 check (attempt >= 1),
    disposition   varchar(32),
    duration_s    double precision check (duration_s >= 0),
    transcript    jsonb        not null default '[]'::jsonb,
    intents       jsonb        not null default '[]'::jsonb,
    error_reason  text,
    started_at    timestamptz  not null,
    ended_at      timestamptz
);

create index call_by_campaign on call (campaign_id, started_at, id);
create index call_by_client on call (client_id, started_at, id);

-- A client's usage per calendar month (UTC), maintained with every call record.
create table client_usage (
    client_id          varchar(64)      not null,
    period             char(7)          not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    total_calls        bigint           not null default 0,
    total_seconds      double precision not null default 0,
    human_answers      bigint           not null default 0,
    voicemails_dropped bigint           not null default 0,
    primary key (client_id, period)
);

-- Campaigns a client created in a period, deleted ones included (they were used).
create index campaign_by_client_created on campaign (client_id, created_at);

-- Asynchronous work (contact uploads) and what came of it.
create table job (
    id           varchar(80)  primary key,
    client_id    varchar(64)  not null,
    type         varchar(32)  not null,
    status       varchar(16)  not null,
    progress     smallint     not null default 0 check (progress between 0 and 100),
    campaign_id  varchar(80)  references campaign (id),
    result       jsonb,
    created_at   timestamptz  not null,
    started_at   timestamptz,
    completed_at timestamptz
);

create index job_by_client on job (client_id, created_at);
