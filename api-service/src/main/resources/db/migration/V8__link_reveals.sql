-- A reset link shown to or copied by an admin is a credential handed out: who, when, which user, which link.
-- The link itself is never stored here, only token-service's linkId.
create table link_reveals (
    id          uuid primary key,
    tenant_id   text        not null references tenants (id),
    user_id     uuid        not null,
    admin_id    uuid        not null references admins (id),
    action      text        not null check (action in ('SHOWN', 'COPIED')),
    link_id     text,
    revealed_at timestamptz not null
);
create index link_reveals_user on link_reveals (tenant_id, user_id, revealed_at);
