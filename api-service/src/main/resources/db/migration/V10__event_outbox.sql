-- Events that must commit with the state they describe (PasswordChanged with the new password): written in the
-- same transaction, sent right after the commit and deleted once the broker acknowledged them; a row left by a
-- failed send or a crash is sent again by the relay (consumers de-duplicate by eventId).
create table event_outbox (
    id         bigint generated always as identity primary key,
    event_id   text        not null unique,
    event_type text        not null,
    topic      text        not null,
    record_key text        not null,
    payload    bytea       not null,
    created_at timestamptz not null
);
