-- Tenant admins of the console (issue 7). An admin signs in with an email that is unique across tenants,
-- so the email alone tells which tenant the session belongs to. Passwords are Argon2id hashes.
create table admins (
    id              uuid primary key,
    tenant_id       text        not null references tenants (id),
    email           text        not null, -- stored lower-cased
    password_hash   text        not null,
    failed_attempts int         not null default 0,
    locked_until    timestamptz,
    last_sign_in_at timestamptz,
    created_at      timestamptz not null default now()
);
create unique index admins_email on admins (email);

-- Failed sign-ins for emails that are not admins, counted exactly like an admin's, so that the lockout
-- message cannot tell an existing admin from a made-up address. Keyed by the SHA-256 of the email.
create table admin_sign_in_failures (
    email_hash      text primary key,
    failed_attempts int not null default 0,
    locked_until    timestamptz
);

-- The status message support staff see on a user's page for the reuse window (seed 003):
-- "Account successfully created and reset password email sent." / "Reset password email sent."
create table admin_notices (
    id         uuid primary key,
    tenant_id  text        not null references tenants (id),
    user_id    uuid        not null,
    message    text        not null,
    admin_id   uuid        not null references admins (id),
    created_at timestamptz not null
);
create index admin_notices_user on admin_notices (tenant_id, user_id, created_at);
