-- Requests each server allowed per API key, policy and second, shared so that a key's rate limit
-- holds across all servers: every server adds what the others allowed in the window to its own
-- exact count. Rows older than the longest window are deleted.
create table rate_usage (
    policy    varchar(40) not null,
    key_hash  varchar(80) not null,
    server_id varchar(80) not null,
    second    bigint      not null,
    hits      integer     not null check (hits > 0),
    primary key (policy, key_hash, second, server_id)
);

create index rate_usage_by_second on rate_usage (second);
