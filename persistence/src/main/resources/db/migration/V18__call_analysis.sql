-- Post-call analysis: a call a person answered, in a campaign with an agent, is written with
-- analysis_state 'pending' together with its outcome; an analysis worker claims it ('running',
-- analysis_claimed_at, taken over by another server when that one goes quiet) and writes
-- 'completed' with the result in analysis (and a call.analyzed event in the same transaction), or
-- 'failed' with the error: the call record itself is never touched by the analysis otherwise.
alter table call add column analysis jsonb;
alter table call add column analysis_state varchar(16);
alter table call add column analysis_claimed_at timestamptz;
create index call_analysis_open on call (analysis_state, ended_at)
    where analysis_state in ('pending', 'running');
