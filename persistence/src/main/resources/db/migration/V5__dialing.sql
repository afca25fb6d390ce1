-- The dialer's state in the database, so that several servers can dial the same campaigns.

-- Servers that dial. A server's calls in flight are leased to it for as long as its heartbeat is
-- fresh: one row update per server renews the lease of all its calls. Another server (or the same
-- one restarted, under a new id) closes the calls of a server whose heartbeat went stale.
create table dialer_server (
    id           varchar(80)  primary key,
    host         varchar(255) not null,
    started_at   timestamptz  not null,
    heartbeat_at timestamptz  not null
);

-- Calls in flight per campaign across all servers: max_concurrent is checked against this count
-- under the campaign's row lock, so the cap holds cluster-wide.
alter table campaign add column in_flight integer not null default 0 check (in_flight >= 0);
-- Contacts not called because their number is on the client's do-not-call list.
alter table campaign add column do_not_call_skipped bigint not null default 0;

-- Who dials the call, and what the carrier said.
alter table call add column server_id varchar(80);
alter table call add column answered_by varchar(16);
alter table call add column end_reason varchar(32);
alter table call add column provider_status integer;
create index call_in_flight on call (server_id) where ended_at is null;

-- The last outcome of a contact; status is pending, dialing, or final (done, do_not_call,
-- cancelled, no_calling_window).
alter table contact add column last_disposition varchar(32);
update contact set next_attempt_at = created_at where next_attempt_at is null;
alter table contact alter column next_attempt_at set default now();
alter table contact alter column next_attempt_at set not null;
drop index contact_due;
-- The claim query walks this index in order: due contacts first, oldest first.
create index contact_due on contact (campaign_id, next_attempt_at, id) where status = 'pending';
-- Whether a campaign still has work: anything pending or being dialed.
create index contact_open on contact (campaign_id) where status in ('pending', 'dialing');

-- Numbers a client must not call again, e.g. because the callee said "stop calling me".
create table do_not_call (
    client_id varchar(64) not null,
    phone     varchar(16) not null,
    added_at  timestamptz not null,
    source    varchar(32) not null,
    call_id   varchar(80),
    primary key (client_id, phone)
);
