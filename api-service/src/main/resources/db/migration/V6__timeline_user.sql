-- Per-user delivery history for support staff (seed 000/003: "the email never arrived").
alter table timeline_entries add column user_id text;
create index timeline_entries_user on timeline_entries (tenant_id, user_id, occurred_at);
