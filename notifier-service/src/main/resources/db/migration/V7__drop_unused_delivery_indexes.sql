-- No statement reads deliveries by user or by link: the delivery history the console shows comes from api-service's
-- timeline. Each insert (one per email) kept both indexes up to date for nothing (issue 9's PostgreSQL figures:
-- the insert into deliveries was the statement with the most execution time per reset).
drop index if exists deliveries_by_user;
drop index if exists deliveries_by_link;
