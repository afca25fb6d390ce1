-- Servers look for keys issued since their last look when a request presents a key they do not know
-- (ApiKeyDirectory): a range over the creation time of active keys, never a scan of all keys.
create index api_key_active_by_creation on api_key (created_at) where revoked_at is null;
