-- Per-tenant email templates (admin API), per kind (reset-link, password-changed) and language (ISO 639 code).
-- Validated at upload: they render; subject, text and html are the tenant's own wording, {{placeholders}} filled in.
create table email_templates (
    tenant_id  text        not null,
    kind       text        not null,
    language   text        not null,
    subject    text        not null,
    text_body  text        not null,
    html_body  text        not null,
    updated_at timestamptz not null,
    primary key (tenant_id, kind, language)
);

-- The tenant's default template language: used when no template of the user's language exists.
create table tenant_template_settings (
    tenant_id        text        primary key,
    default_language text        not null,
    updated_at       timestamptz not null
);
