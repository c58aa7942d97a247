-- Delivery settings of a tenant (seed 000's Set Password Webhook, sender identity, SMS guards).
alter table tenants add column set_password_webhook_url text;
alter table tenants add column sender_name text;
alter table tenants add column sender_address text;
alter table tenants add column sms_allowed_country_codes text not null default '';
alter table tenants add column sms_daily_cap_per_number int not null default 10;
