-- Endpoint auto-disable: failing_since is the time of the first failed attempt since the endpoint's last success
-- (null while it succeeds). When a failure comes more than resetflow.webhooks.disable-after after it, the endpoint is
-- disabled: its pending messages are parked (not attempted, kept) until it is enabled again. disabled_notice says
-- whether the tenant was emailed.
alter table webhook_endpoints add column failing_since   timestamptz;
alter table webhook_endpoints add column disabled_at     timestamptz;
alter table webhook_endpoints add column disabled_reason text;
alter table webhook_endpoints add column disabled_notice text;
