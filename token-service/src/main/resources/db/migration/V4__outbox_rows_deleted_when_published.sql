-- The relay deletes a row once the broker acknowledged it, instead of stamping published_at and deleting it a day
-- later: the event lives on its topic, so a kept row only held a sealed copy of it at rest, and stamping it was an
-- update that could not be HOT (the partial indexes name published_at) on every decision.
delete from outbox where published_at is not null;
drop index outbox_published_age;
drop index outbox_unpublished;
alter table outbox drop column published_at;
