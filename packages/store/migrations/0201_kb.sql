-- Knowledge base: articles with versions and an editorial workflow, categories, synonyms, standard
-- phrases (标准用语), hot topics, quizzes. Search: a tsvector of jieba tokens (built by the app) with
-- GIN, pg_trgm on titles, pinyin initials, and document frequencies for ranking.
create table kb_categories (
  id uuid primary key,
  parent_id uuid references kb_categories(id),
  name text not null,
  sort integer not null default 0
);

create table kb_articles (
  id uuid primary key,
  code text unique,
  title text not null,
  body text not null,
  category_id uuid references kb_categories(id),
  tags text[] not null default '{}',
  synonyms text[] not null default '{}',
  department_id uuid references departments(id),
  status text not null default 'draft' check (status in ('draft', 'review', 'published', 'archived')),
  version integer not null default 1,
  valid_from date,
  valid_to date,
  search_vector tsvector not null default ''::tsvector,
  search_doc jsonb not null default '{}',
  initials text not null default '',
  views integer not null default 0,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index kb_articles_search on kb_articles using gin (search_vector);
create index kb_articles_title_trgm on kb_articles using gin (title public.gin_trgm_ops);
create index kb_articles_status on kb_articles (status);

create table kb_article_versions (
  article_id uuid not null references kb_articles(id) on delete cascade,
  version integer not null,
  title text not null,
  body text not null,
  category_id uuid,
  tags text[] not null,
  synonyms text[] not null,
  valid_from date,
  valid_to date,
  edited_by uuid,
  edited_at timestamptz not null default now(),
  note text,
  primary key (article_id, version)
);

create table kb_article_events (
  id bigserial primary key,
  article_id uuid not null references kb_articles(id) on delete cascade,
  type text not null,
  from_status text,
  to_status text,
  actor_id uuid,
  comment text,
  at timestamptz not null default now()
);
create index kb_article_events_article on kb_article_events (article_id, id);

create table kb_term_df (
  term text primary key,
  df integer not null check (df >= 0)
);

create table kb_synonyms (
  id uuid primary key,
  words text[] not null,
  created_at timestamptz not null default now()
);

create table kb_phrases (
  id uuid primary key,
  category text not null,
  title text not null,
  body text not null,
  sort integer not null default 0,
  active boolean not null default true
);

create table kb_hot_topics (
  id uuid primary key,
  title text not null,
  summary text not null,
  article_id uuid references kb_articles(id) on delete set null,
  announce_text text,
  starts_at timestamptz not null default now(),
  ends_at timestamptz,
  sort integer not null default 0,
  active boolean not null default true
);

create table kb_quizzes (
  id uuid primary key,
  title text not null,
  article_ids uuid[] not null,
  questions jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
