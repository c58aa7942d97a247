-- Per-tenant API rate limit (seed 001: 25 requests in 5 seconds).
alter table tenants add column rate_limit_requests int not null default 25;
alter table tenants add column rate_limit_window_seconds int not null default 5;

-- Fixed-window hit counters per API key, shared by every api-service instance.
create table rate_limit_windows (
    key_id       uuid        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (key_id, window_start)
);

-- Idempotency-Key: the first answer to a key is replayed for 24 hours.
create table idempotent_requests (
    tenant_id       text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    status_code     int,
    response_body   text,
    created_at      timestamptz not null,
    primary key (tenant_id, idempotency_key)
);

-- Tenant-defined unique fields, searchable with SearchKeyData and usable as RecipientField.
create table tenant_fields (
    tenant_id text not null references tenants (id),
    name      text not null,
    data_type text not null check (data_type in ('TEXT', 'EMAIL', 'PHONE')),
    primary key (tenant_id, name)
);
