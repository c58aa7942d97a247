-- api-service owns tenants, their API keys and the user directory. No other service reads these tables.
create table tenants (
    id                           text primary key,
    name                         text        not null,
    link_base_url                text        not null,
    token_ttl_seconds            bigint      not null default 604800,
    reuse_window_seconds         bigint      not null default 57600,
    deliveries_per_user_per_hour int         not null default 5,
    reveal_unknown_accounts      boolean     not null default false,
    created_at                   timestamptz not null default now()
);

create table api_keys (
    id           uuid primary key,
    tenant_id    text        not null references tenants (id),
    kind         text        not null check (kind in ('PUBLIC', 'SECRET')),
    key_hash     text        not null unique, -- SHA-256 hex of the key; the key itself is never stored
    key_prefix   text        not null,        -- first characters, to recognise a key in the console
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create table users (
    id                  uuid primary key,
    tenant_id           text        not null references tenants (id),
    email               text        not null, -- stored lower-cased
    phone               text,                 -- E.164
    first_name          text,
    last_name           text,
    password_hash       text,                 -- bcrypt
    password_changed_at timestamptz,
    created_at          timestamptz not null default now()
);
create unique index users_tenant_email on users (tenant_id, email);
create unique index users_tenant_phone on users (tenant_id, phone) where phone is not null;

-- Tenant-defined unique attributes (e.g. an alternate email), one row per user and field.
create table user_attributes (
    user_id   uuid not null references users (id) on delete cascade,
    tenant_id text not null,
    name      text not null,
    value     text not null,
    primary key (user_id, name)
);
create unique index user_attributes_unique_value on user_attributes (tenant_id, name, value);
