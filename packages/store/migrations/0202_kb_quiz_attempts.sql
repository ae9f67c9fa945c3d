-- Knowledge base, operator training: each time an operator takes a quiz (a snapshot of its
-- questions with the answer key, the answers, the score). Also the format of article bodies: rich
-- text is stored as sanitised HTML; articles written before stay plain text and are shown as text.
alter table kb_articles add column body_format text not null default 'text' check (body_format in ('text', 'html'));
alter table kb_article_versions add column body_format text not null default 'text' check (body_format in ('text', 'html'));

create table kb_quiz_attempts (
  id uuid primary key,
  quiz_id uuid not null references kb_quizzes(id) on delete cascade,
  user_id uuid not null references users(id),
  category_id uuid references kb_categories(id) on delete set null,
  -- [{articleId, title, category, prompt, options, answer}]: what was asked, as it was asked
  questions jsonb not null,
  -- chosen option per question (null: left unanswered); null until submitted
  answers jsonb,
  correct integer check (correct >= 0),
  total integer not null check (total > 0),
  score integer check (score between 0 and 100),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((finished_at is null) = (score is null))
);
create index kb_quiz_attempts_user on kb_quiz_attempts (user_id, started_at desc);
create index kb_quiz_attempts_finished on kb_quiz_attempts (finished_at) where finished_at is not null;
