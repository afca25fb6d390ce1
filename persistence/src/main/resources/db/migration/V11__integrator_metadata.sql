-- Integrators' own data: a contact's metadata (given with the contact, carried to the agent's
-- prompt variables, audit records and webhooks) and the structured result an integrator writes
-- back onto a call after it ended.
alter table contact add column metadata jsonb not null default '{}'::jsonb;
alter table call add column metadata jsonb;
alter table call add column metadata_updated_at timestamptz;
