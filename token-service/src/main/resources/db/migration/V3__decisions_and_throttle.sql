-- The request id (correlationId) of each decision, so api-service can ask for "the decision on my request";
-- and the channel it went out on (NONE: the token went back to the caller), so the per-user delivery
-- throttle counts real deliveries from this table alone.
alter table processed_events add column correlation_id text;
alter table processed_events add column channel text;
create index processed_events_request on processed_events (tenant_id, correlation_id);
create index processed_events_user_recent on processed_events (tenant_id, user_id, processed_at);
create index processed_events_age on processed_events (processed_at);

-- The eventId of the ResetLinkIssued that first carried each link: the causationId of its ResetLinkRedeemed.
alter table reset_tokens add column issued_event_id text;

create index outbox_published_age on outbox (published_at) where published_at is not null;
