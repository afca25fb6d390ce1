-- Transfers of live calls to humans (POST /api/v1/calls/{call_id}/transfer, or the agent's own
-- transfer intent). The request picks an available human and marks it busy in one transaction, so
-- two transfers never get the same human; the row then waits for the server holding the call
-- (call.server_id), which finds it at its next dispatcher refresh, like an end request, and moves
-- it along requested -> holding -> ringing_agent -> whisper -> bridged -> ended (or failed /
-- no_answer). A call has at most one transfer under way.
create table call_transfer (
    id              varchar(80)  primary key,
    client_id       varchar(64)  not null,
    call_id         varchar(80)  not null references call (id) on delete cascade,
    target_id       varchar(80),
    human_id        varchar(80)  references transfer_target (id) on delete set null,
    address         varchar(255) not null,
    mode            varchar(8)   not null check (mode in ('warm', 'cold')),
    briefing        text,
    requested_by    varchar(8)   not null check (requested_by in ('api', 'agent')),
    status          varchar(16)  not null check (status in ('requested', 'holding',
                        'ringing_agent', 'whisper', 'bridged', 'ended', 'failed', 'no_answer')),
    failure_reason  varchar(32),
    requested_at    timestamptz  not null,
    updated_at      timestamptz  not null,
    bridged_at      timestamptz,
    ended_at        timestamptz
);
create index call_transfer_by_call on call_transfer (call_id, requested_at);
create unique index call_transfer_one_open on call_transfer (call_id)
    where status not in ('ended', 'failed', 'no_answer');
create index call_transfer_requested on call_transfer (call_id) where status = 'requested';

-- Nobody was free to take a transfer: a human of the client should call the callee back. The
-- server holding the call finds the task (announced_at null) at its next refresh and the agent tells
-- the callee someone will call back; the integrator hears of it by a call.transfer_failed event.
create table transfer_callback (
    id            varchar(80)  primary key,
    client_id     varchar(64)  not null,
    call_id       varchar(80)  not null references call (id) on delete cascade,
    target_id     varchar(80),
    phone         varchar(16)  not null,
    briefing      text,
    requested_by  varchar(8)   not null check (requested_by in ('api', 'agent')),
    created_at    timestamptz  not null,
    announced_at  timestamptz
);
create index transfer_callback_by_client on transfer_callback (client_id, created_at, id);
create index transfer_callback_unannounced on transfer_callback (call_id) where announced_at is null;
