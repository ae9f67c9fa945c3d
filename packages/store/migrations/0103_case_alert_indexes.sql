-- The deadline scan (dueAlerts, every minute) looks for open assignments whose warning or deadline
-- instant fell in the last minute. Without these it read every assignment (≈0.5 s at 1 M cases);
-- open assignments are a few percent of the table, so the partial indexes stay small.
create index case_parties_open_sign_warn_idx on case_parties(sign_warn_at)
  where status in ('to_sign', 'in_progress', 'delegated', 'returned');
create index case_parties_open_sign_deadline_idx on case_parties(sign_deadline)
  where status in ('to_sign', 'in_progress', 'delegated', 'returned');
create index case_parties_open_finish_warn_idx on case_parties(finish_warn_at)
  where status in ('to_sign', 'in_progress', 'delegated', 'returned');
create index case_parties_open_finish_deadline_idx on case_parties(finish_deadline)
  where status in ('to_sign', 'in_progress', 'delegated', 'returned');
