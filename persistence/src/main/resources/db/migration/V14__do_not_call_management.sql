-- Do-not-call lists managed through the API (numbers added one by one or uploaded, removed,
-- listed): why a number was added, when the client said, and a list read newest first.
-- source stays as written: 'call' (an opt-out heard in a call), 'upload' or 'api'.
alter table do_not_call add column reason varchar(200);
create index do_not_call_newest on do_not_call (client_id, added_at desc, phone);
