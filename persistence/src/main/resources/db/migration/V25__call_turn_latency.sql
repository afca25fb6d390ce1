-- Per-turn latency of each answered call, as the carrier measured it, oldest turn first (null when
-- nothing was measured: a carrier without audio, a call nobody answered): voice to voice is, for
-- each turn of the callee the agent answered, the silence from the end of the callee's speech to
-- the agent's first audio; endpointing, for each turn of the callee, the silence from the end of
-- their speech to the carrier deciding the turn was over. Kept as arrays: a call has a handful of
-- turns, and the audit record shows them all.
alter table call add column voice_to_voice_ms integer[];
alter table call add column endpointing_ms integer[];
