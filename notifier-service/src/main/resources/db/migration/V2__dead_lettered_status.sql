-- A delivery whose temporary failures exhausted the retries and whose record went to the dead-letter topic.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'SENT', 'FAILED_TEMPORARY', 'FAILED_PERMANENT', 'DEAD_LETTERED'));
