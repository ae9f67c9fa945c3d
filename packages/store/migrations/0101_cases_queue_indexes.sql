-- Department queues "returned" and "to review" look at parties re-dispatched from the department's
-- delegated parties: index the child → parent link (most parties have none).
create index case_parties_parent_idx on case_parties(parent_party_id) where parent_party_id is not null;

-- The year dashboard aggregates a window of assignments/rounds: covering indexes allow index-only scans.
drop index if exists case_parties_dispatched_idx;
create index case_parties_metrics_idx on case_parties(dispatched_at)
  include (department_id, category_code, region_code, return_count, signed_at, sign_deadline, withdrawn_at,
           accepted_at, finish_deadline, finished_on_time);
drop index if exists case_rounds_reviewed_idx;
create index case_rounds_metrics_idx on case_rounds(reviewed_at)
  include (department_id, category_code, region_code, reached, resolved, satisfaction);
