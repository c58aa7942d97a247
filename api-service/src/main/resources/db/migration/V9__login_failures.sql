-- Failed password checks per account and tenant (POST /v1/logins), so that passwords cannot be tried without end.
-- Keyed by a SHA-256 of the normalised email, never the address: attempts on unknown addresses are counted (and
-- refused) the same way, so the lock reveals nothing about which accounts exist. A window starts at its first
-- attempt; a successful check or a new password deletes the row.
create table login_failures (
    tenant_id         text        not null,
    subject           text        not null,
    attempts          integer     not null,
    window_started_at timestamptz not null,
    primary key (tenant_id, subject)
);
create index login_failures_age on login_failures (window_started_at);
