-- API keys handed to integrators. Only the SHA-256 of a key is stored; revoked keys keep their row.
create table api_key (
    key_hash     varchar(71)  primary key check (key_hash ~ '^sha256:[0-9a-f]{64}$'),
    client_id    varchar(64)  not null,
    name         varchar(200) not null,
    scopes       text[]       not null check (cardinality(scopes) > 0),
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index api_key_active_by_client on api_key (client_id, created_at) where revoked_at is null;

-- The hash of the admin key generated at first start (one row at most).
create table admin_credential (
    id         smallint    primary key check (id = 1),
    key_hash   varchar(71) not null check (key_hash ~ '^sha256:[0-9a-f]{64}$'),
    created_at timestamptz not null
);
