-- Housekeeping (resetflow.retention.*): password-change notices and SMS day counters are deleted by age. deliveries
-- and webhook_messages need no index for it: their ids grow with created_at, so the cleanup finds its id range from
-- the primary key, and the hot path keeps the HOT updates an index on a timestamp would cost.
create index password_change_notices_age on password_change_notices (created_at);
create index sms_daily_counts_day on sms_daily_counts (day);
