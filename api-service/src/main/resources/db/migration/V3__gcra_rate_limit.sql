-- The fixed-window counter let twice the limit through around a window edge; GCRA (a token bucket
-- kept as one "theoretical arrival time" per key) has no edges. Shared by every instance.
drop table rate_limit_windows;
create table rate_limits (
    key_id     uuid primary key,
    tat_micros bigint not null -- theoretical arrival time, epoch microseconds
);
