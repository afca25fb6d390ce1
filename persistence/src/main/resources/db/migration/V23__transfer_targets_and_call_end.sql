-- Transfer targets: the humans a live call can be handed to, and queues of them, per client. A
-- human has an address (SIP URI or E.164) and a status the integrator's system sets; a queue has a
-- name, maybe an address of its own, and no status. Writes of one client's targets are serialised
-- by a transaction-level advisory lock (see JdbcTransferTargets), which keeps the duplicate checks
-- exact; the unique indexes below back them up.
create table transfer_target (
    id                 varchar(80)  primary key,
    client_id          varchar(64)  not null,
    type               varchar(8)   not null check (type in ('human', 'queue')),
    name               varchar(200) not null,
    address            varchar(255),
    status             varchar(16)  check (status in ('available', 'busy', 'offline')),
    status_changed_at  timestamptz,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    check ((type = 'human') = (status is not null)),
    check (type = 'queue' or address is not null)
);
create index transfer_target_by_client on transfer_target (client_id, created_at, id);
create unique index transfer_target_address_once on transfer_target (client_id, address)
    where address is not null;
create unique index transfer_queue_name_once on transfer_target (client_id, lower(name))
    where type = 'queue';

-- Which humans belong to which queues (both rows of the same client).
create table transfer_queue_member (
    queue_id  varchar(80) not null references transfer_target (id) on delete cascade,
    human_id  varchar(80) not null references transfer_target (id) on delete cascade,
    primary key (queue_id, human_id)
);
create index transfer_queue_member_by_human on transfer_queue_member (human_id);

-- An integrator asked to end the call (POST /api/v1/calls/{call_id}/end). The request may reach
-- any server; the server holding the call (server_id) finds it at its next dispatcher refresh and
-- hangs up. The column stays on the record once the call ended.
alter table call add column end_requested_at timestamptz;
create index call_end_requested on call (server_id)
    where end_requested_at is not null and ended_at is null;
