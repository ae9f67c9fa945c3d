-- Knowledge base, operator training: a supervisor (or qa) assigns a built quiz to operators with a
-- due date. The assignees are fixed when the quiz is assigned ("all agents" means the agents active
-- then). One attempt per operator and assignment counts; it is linked to the assignment.
create table kb_quiz_assignments (
  id uuid primary key,
  quiz_id uuid not null references kb_quizzes(id) on delete cascade,
  title text not null,
  all_agents boolean not null default false,
  due_at timestamptz not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index kb_quiz_assignments_created on kb_quiz_assignments (created_at desc);

create table kb_quiz_assignees (
  assignment_id uuid not null references kb_quiz_assignments(id) on delete cascade,
  user_id uuid not null references users(id),
  primary key (assignment_id, user_id)
);
create index kb_quiz_assignees_user on kb_quiz_assignees (user_id);

alter table kb_quiz_attempts add column assignment_id uuid references kb_quiz_assignments(id) on delete cascade;
create unique index kb_quiz_attempts_assignment on kb_quiz_attempts (assignment_id, user_id) where assignment_id is not null;
