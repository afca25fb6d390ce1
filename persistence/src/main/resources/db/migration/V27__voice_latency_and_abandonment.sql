-- Per-turn latency of each answered call, as the carrier measured it, oldest turn first (null when
-- nothing was measured: a carrier without audio, a call nobody answered): voice to voice is, for
-- each turn of the callee the agent answered, the silence from the end of the callee's speech to
-- the agent's first audio; endpointing, for each turn of the callee, the silence from the end of
-- their speech to the carrier deciding the turn was over. Kept as arrays: a call has a handful of
-- turns, and the audit record shows them all.
alter table call add column voice_to_voice_ms integer[];
alter table call add column endpointing_ms integer[];

-- Each campaign's latency histograms, for its p50/p95 in stats: counts per bucket of core's
-- LatencyHistogram (milliseconds; null until a call was measured). Kept on the campaign row the
-- outcome writer updates anyway, once per campaign and batch: percentiles then cost the stats
-- request nothing, and the hot outcome path no extra statement nor index.
alter table campaign add column first_audio_hist bigint[];
alter table campaign add column machine_detection_hist bigint[];
alter table campaign add column voice_to_voice_hist bigint[];

-- Bucket-wise sum of two histograms (either may be null or shorter).
create function latency_hist_add(a bigint[], b bigint[]) returns bigint[]
    language sql immutable parallel safe
as $$
    select array_agg(coalesce(x, 0) + coalesce(y, 0) order by i)
    from unnest(a, b) with ordinality as u(x, y, i)
$$;

-- The abandonment rule (core's AbandonmentPolicy): a campaign's measured live answers and the
-- abandoned ones among them (dead air above 2 s, or the agent never heard) per UTC day, added to by
-- the outcome writer; the window's sums as of the last judgement; whether the campaign dials at half
-- its concurrency; and why the rule paused it (null when it did not).
create table campaign_abandonment (
    campaign_id  varchar(80) not null references campaign (id) on delete cascade,
    day          date        not null,
    live_answers bigint      not null default 0,
    abandoned    bigint      not null default 0,
    primary key (campaign_id, day)
);
alter table campaign add column abandonment_live_answers bigint not null default 0;
alter table campaign add column abandonment_abandoned bigint not null default 0;
alter table campaign add column slowed boolean not null default false;
alter table campaign add column pause_reason varchar(64);
