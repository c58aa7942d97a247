-- A temporarily failed attempt whose DeliveryOutcome the broker has not acknowledged yet (refused, or a crash before
-- the acknowledgement). The next attempt is not counted until that outcome is on the log: counting it first made
-- the unpublished outcome unreachable (the row then describes the next attempt), a gap in the audit trail.
-- Not indexed: the hot path's updates stay HOT.
alter table deliveries add column outcome_pending boolean not null default false;
