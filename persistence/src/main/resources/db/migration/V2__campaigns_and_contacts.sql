-- Campaigns of every client. Stats counters live on the row, maintained with each call record, so
-- that GET .../stats reads one row whatever the number of calls.
create table campaign (
    id              varchar(80)  primary key,
    client_id       varchar(64)  not null,
    name            varchar(200) not null,
    voice           varchar(8)   not null,
    system_prompt   text         not null,
    caller_id       varchar(16)  not null,
    max_concurrent  integer      not null check (max_concurrent >= 1),
    priority        smallint     not null check (priority between 1 and 10),
    greeting_text   text,
    voicemail_text  text,
    status          varchar(16)  not null,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    ended_at        timestamptz,
    deleted_at      timestamptz,
    total_contacts  bigint       not null default 0,
    contacts_enqueued bigint     not null default 0,
    calls_placed    bigint       not null default 0,
    human_answers   bigint       not null default 0,
    voicemails      bigint       not null default 0,
    errors          bigint       not null default 0,
    no_answer       bigint       not null default 0,
    talk_seconds    double precision not null default 0
);

create index campaign_by_client on campaign (client_id, created_at, id) where deleted_at is null;

-- Contacts to call. One phone number once per campaign, enforced here and not only in Java.
create table contact (
    id              bigserial    primary key,
    campaign_id     varchar(80)  not null references campaign (id),
    phone           varchar(16)  not null,
    first_name      varchar(200),
    last_name       varchar(200),
    email           varchar(320),
    company         varchar(200),
    title           varchar(200),
    variables       jsonb        not null default '{}'::jsonb,
    status          varchar(16)  not null default 'pending',
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz  not null,
    constraint contact_phone_once_per_campaign unique (campaign_id, phone)
);

create index contact_due on contact (campaign_id, next_attempt_at) where status = 'pending';
