-- token-service owns these tables; no other service reads them.

-- Every ResetRequested seen, once: the idempotency guard and the record of the decision taken.
create table processed_events (
    event_id     text        primary key,
    tenant_id    text        not null,
    user_id      text,
    decision     text,
    link_id      uuid,
    processed_at timestamptz not null
);

-- Reset tokens: never the token itself, only its SHA-256 (lookup) and an AES-GCM sealed copy (re-send).
create table reset_tokens (
    link_id           uuid        primary key,
    tenant_id         text        not null,
    user_id           text        not null,
    token_hash        bytea       not null,
    sealed_key_id     text        not null,
    sealed_nonce      bytea       not null,
    sealed_ciphertext bytea       not null,
    issued_at         timestamptz not null,
    expires_at        timestamptz not null,
    used_at           timestamptz,
    replaced_at       timestamptz
);
create unique index reset_tokens_token_hash on reset_tokens (token_hash);
create index reset_tokens_user_latest on reset_tokens (tenant_id, user_id, issued_at desc);

-- Transactional outbox: written in the decision's transaction, published by the relay.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     text        not null unique,
    event_type   text        not null,
    topic        text        not null,
    record_key   text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
