-- What a carrier with audio measured about each answered call (empty for the simulator), and the
-- campaign's sums behind its averages: time from answer to the agent's first audio, to the
-- answering-machine verdict, and the dead air the callee met (over 2 s counts against the
-- telemarketing safe-harbor line).
alter table call add column first_audio_ms integer check (first_audio_ms >= 0);
alter table call add column machine_detection_ms integer check (machine_detection_ms >= 0);
alter table call add column dead_air_ms integer check (dead_air_ms >= 0);

alter table campaign add column first_audio_calls bigint not null default 0;
alter table campaign add column first_audio_ms_total bigint not null default 0;
alter table campaign add column machine_detection_calls bigint not null default 0;
alter table campaign add column machine_detection_ms_total bigint not null default 0;
alter table campaign add column dead_air_calls bigint not null default 0;
alter table campaign add column dead_air_over_2s bigint not null default 0;
