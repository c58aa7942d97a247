-- One row per issued link (ResetLinkIssued eventId) and channel: the de-duplication key of deliveries.
-- Holds the masked address only; the clear address and the link are never stored.
create table deliveries (
    id                   bigserial primary key,
    link_issued_event_id text        not null,
    channel              text        not null,
    tenant_id            text        not null,
    user_id              text        not null,
    link_id              text        not null,
    correlation_id       text        not null,
    resend               boolean     not null,
    masked_recipient     text        not null,
    status               text        not null check (status in ('PENDING', 'SENT', 'FAILED_TEMPORARY', 'FAILED_PERMANENT')),
    attempts             integer     not null default 0,
    reason               text,
    provider_message_id  text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    sent_at              timestamptz,
    constraint deliveries_once_per_issuance_and_channel unique (link_issued_event_id, channel)
);

-- The delivery history of a user (admin console, later).
create index deliveries_by_user on deliveries (tenant_id, user_id, created_at desc);
create index deliveries_by_link on deliveries (tenant_id, link_id);
