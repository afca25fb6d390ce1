-- Calling rules per campaign: its own local calling hours and days over the server's, and a
-- frequency cap per number across all of the client's campaigns.

-- Minutes since local midnight, start inclusive, end exclusive (1440: the end of the day); both or
-- neither. Null hours or days are the server's setting when the dialer decides.
alter table campaign add column calling_start_minute smallint
    check (calling_start_minute between 0 and 1439);
alter table campaign add column calling_end_minute smallint
    check (calling_end_minute between 1 and 1440);
alter table campaign add constraint campaign_calling_hours check (
    (calling_start_minute is null) = (calling_end_minute is null)
    and (calling_start_minute is null or calling_start_minute < calling_end_minute));
-- Comma-separated days, e.g. 'mon,tue,wed'.
alter table campaign add column calling_days varchar(27);
-- At most this many attempts per number within any 24 hours, counted over every campaign of the
-- client; null: no cap for this campaign.
alter table campaign add column max_attempts_per_number_per_day smallint
    check (max_attempts_per_number_per_day between 1 and 100);

-- The number each call dialed, so that a claim counts a number's attempts of the last day across
-- the client's campaigns with one index range per number. Every call the dialer places has it;
-- older calls get it from their contact.
alter table call add column phone varchar(16);
update call k set phone = t.phone from contact t where t.id = k.contact_id;
create index call_by_number on call (client_id, phone, started_at);
