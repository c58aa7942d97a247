-- A projection of every event of a reset request, read from the event topics, for the timeline API.
create table timeline_entries (
    event_id    text primary key,
    tenant_id   text        not null,
    request_id  text        not null,
    event_type  text        not null,
    occurred_at timestamptz not null,
    details     text        not null -- JSON object of masked, non-secret details
);
create index timeline_entries_request on timeline_entries (tenant_id, request_id, occurred_at);
