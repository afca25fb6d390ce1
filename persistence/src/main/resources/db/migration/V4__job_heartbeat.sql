-- A running job says it is alive with each batch; one that stops saying so (its server died) is
-- marked failed instead of staying "running" forever.
alter table job add column heartbeat_at timestamptz;
update job set heartbeat_at = coalesce(started_at, created_at);
create index job_running on job (heartbeat_at) where status = 'running';
