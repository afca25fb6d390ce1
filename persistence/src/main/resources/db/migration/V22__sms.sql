-- Text messages (SMS): each is stored queued in the transaction that asks for it (an API request,
-- or the outcome of a call that ended with one of its campaign's follow-up dispositions) and sent
-- later by the SMS sender of any server, which claims it for a while (claimed_until) so that two
-- servers never send it at once.
create table sms_message (
    id                  varchar(40)  primary key,
    client_id           varchar(64)  not null,
    campaign_id         varchar(80),
    contact_id          bigint,
    call_id             varchar(80),
    to_phone            varchar(16)  not null,
    from_phone          varchar(16)  not null,
    body                text         not null check (char_length(body) between 1 and 1600),
    status              varchar(10)  not null
        check (status in ('queued', 'sent', 'failed', 'refused')),
    provider_message_id varchar(100),
    error               varchar(500),
    attempts            integer      not null default 0,
    -- not sent before: the recipient's calling hours open, or a retry is due
    not_before          timestamptz  not null,
    claimed_until       timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    sent_at             timestamptz
);

-- the sender's claim reads queued messages in due order
create index sms_message_due on sms_message (not_before, id) where status = 'queued';
-- a client's messages, newest first (GET /api/v1/sms)
create index sms_message_by_client on sms_message (client_id, created_at desc, id);
-- a call's follow-up is queued at most once, whatever writes the outcome
create unique index sms_message_once_per_call on sms_message (call_id) where call_id is not null;

-- A campaign's follow-up text after given dispositions: both or neither. The dispositions are
-- comma-separated wire names ('voicemail,no_answer'); the text may use {{first_name}}-style
-- variables.
alter table campaign add column sms_follow_up_dispositions varchar(300);
alter table campaign add column sms_follow_up_text text
    check (char_length(sms_follow_up_text) between 1 and 1600);
alter table campaign add constraint campaign_sms_follow_up check (
    (sms_follow_up_dispositions is null) = (sms_follow_up_text is null));
