-- Latest settings per tenant, from the compacted topic tenant.settings (idempotent by occurred_at, then event_id).
create table tenant_settings (
    tenant_id                 text        primary key,
    event_id                  text        not null,
    occurred_at               timestamptz not null,
    set_password_webhook_url  text,
    sender_name               text,
    sender_address            text,
    sms_allowed_country_codes text        not null default '',
    sms_daily_cap_per_number  integer     not null default 10,
    updated_at                timestamptz not null
);

-- Refused SMS (country not allowed, daily cap reached) are THROTTLED or FAILED_PERMANENT; THROTTLED is final.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'SENT', 'FAILED_TEMPORARY', 'FAILED_PERMANENT', 'DEAD_LETTERED', 'THROTTLED'));

-- SMS sent per tenant, number and UTC day (the anti-pumping cap). The number is stored as a SHA-256 hash only.
create table sms_daily_counts (
    tenant_id   text    not null,
    number_hash text    not null,
    day         date    not null,
    sent        integer not null,
    primary key (tenant_id, number_hash, day)
);

-- The signing secret of each tenant's Set Password Webhook, sealed with the event key ring
-- (context webhook-secret:{tenantId}); generated on first use, never exposed.
create table tenant_webhook_secrets (
    tenant_id  text        primary key,
    key_id     text        not null,
    nonce      bytea       not null,
    ciphertext bytea       not null,
    created_at timestamptz not null
);

-- Partner webhook endpoints. Secrets sealed like above (context webhook-endpoint:{id}); the previous secret stays
-- valid until previous_valid_until after a rotation.
create table webhook_endpoints (
    id                   text        primary key,
    tenant_id            text        not null,
    url                  text        not null,
    event_types          text[]      not null,
    enabled              boolean     not null default true,
    key_id               text        not null,
    nonce                bytea       not null,
    ciphertext           bytea       not null,
    prev_key_id          text,
    prev_nonce           bytea,
    prev_ciphertext      bytea,
    previous_valid_until timestamptz,
    created_at           timestamptz not null
);
create index webhook_endpoints_by_tenant on webhook_endpoints (tenant_id);

-- One message per (endpoint, event): the retry state, kept across restarts. payload is the CloudEvent JSON body,
-- which never holds a link, an address or a secret.
create table webhook_messages (
    id              bigserial   primary key,
    message_id      text        not null unique,
    endpoint_id     text        not null references webhook_endpoints (id) on delete cascade,
    event_id        text        not null,
    event_type      text        not null,
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'SUCCEEDED', 'DEAD')),
    attempts        integer     not null default 0,
    round_attempts  integer     not null default 0,
    next_attempt_at timestamptz,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint webhook_messages_once_per_endpoint_and_event unique (endpoint_id, event_id)
);
create index webhook_messages_due on webhook_messages (next_attempt_at) where status = 'PENDING';

-- The delivery log: one row per attempt.
create table webhook_attempts (
    id               bigserial   primary key,
    message_pk       bigint      not null references webhook_messages (id) on delete cascade,
    endpoint_id      text        not null,
    attempt          integer     not null,
    status           text        not null,
    status_code      integer,
    latency_ms       bigint      not null,
    response_excerpt text,
    at               timestamptz not null,
    next_attempt_at  timestamptz
);
create index webhook_attempts_by_endpoint on webhook_attempts (endpoint_id, at desc);

-- "Your password was changed" notices, once per PasswordChanged eventId.
create table password_change_notices (
    event_id   text        primary key,
    tenant_id  text        not null,
    user_id    text        not null,
    status     text        not null,
    created_at timestamptz not null
);
