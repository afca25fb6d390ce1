-- Scheduled start, progress counters and a retry policy per campaign.

-- When a scheduled campaign starts (null: at once). The dialer promotes due scheduled campaigns
-- to active with one update under their row locks, so across servers each starts once.
alter table campaign add column scheduled_start timestamptz;
create index campaign_scheduled on campaign (scheduled_start)
    where status = 'scheduled' and deleted_at is null;

-- Progress per contact, maintained with the contacts' states (see core's CampaignProgress):
-- contacts final (cancelled ones aside), and those among them whose last call a person answered.
alter table campaign add column contacts_processed bigint not null default 0
    check (contacts_processed >= 0);
alter table campaign add column successful_calls bigint not null default 0
    check (successful_calls >= 0);
update campaign c set
    contacts_processed = p.processed,
    successful_calls = p.successful
from (
    select campaign_id,
           count(*) as processed,
           count(*) filter (where last_disposition in
               ('human_interested', 'human_not_interested', 'callback_requested',
                'do_not_call', 'wrong_number')) as successful
    from contact
    where status not in ('pending', 'dialing', 'cancelled')
    group by campaign_id
) p
where p.campaign_id = c.id;

-- The campaign's own retry policy; a null column takes the server's setting when the dialer
-- decides, so each campaign shows and uses its effective policy.
alter table campaign add column retry_max_attempts smallint
    check (retry_max_attempts between 1 and 10);
-- Comma-separated dispositions, e.g. 'no_answer,busy'; '' retries nothing.
alter table campaign add column retry_statuses varchar(100);
alter table campaign add column retry_delay_seconds integer
    check (retry_delay_seconds between 0 and 86400);
alter table campaign add column retry_backoff varchar(16)
    check (retry_backoff in ('fixed', 'exponential'));
