-- Agents: reusable voice-agent configurations of a client. A campaign refers to one (agent_id) or
-- carries its own texts as before. The dialer reads the agent's row when it builds a campaign's
-- script and notices a changed revision at its next refresh, so a change counts for calls placed
-- afterwards. The campaign row keeps a copy of the agent's texts as they were at its creation:
-- system_prompt and voice stay not null, and a deleted campaign still says what it called with
-- once its agent is gone (an agent is deleted only when no campaign but deleted ones uses it).
create table agent (
    id                  varchar(80)  primary key,
    client_id           varchar(64)  not null,
    name                varchar(200) not null,
    voice               varchar(8)   not null,
    system_prompt       text         not null,
    greeting_text       text,
    voicemail_text      text,
    first_message_mode  varchar(32)  not null,
    analysis_plan       jsonb        not null,
    llm_model           varchar(100),
    llm_temperature     double precision,
    revision            bigint       not null default 1,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index agent_by_client on agent (client_id, created_at, id);

alter table campaign add column agent_id varchar(80) references agent (id) on delete set null;
create index campaign_by_agent on campaign (agent_id) where agent_id is not null;
