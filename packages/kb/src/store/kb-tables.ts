import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the kb tables (migrations 0201_kb.sql, 0202_kb_quiz_attempts.sql, 0203_kb_quiz_assignments.sql). */
export type KbTables = {
  kb_categories: { id: string; parent_id: string | null; name: string; sort: Generated<number> };
  kb_articles: {
    id: string;
    code: string | null;
    title: string;
    body: string;
    body_format: Generated<string>;
    category_id: string | null;
    tags: string[];
    synonyms: string[];
    department_id: string | null;
    status: Generated<string>;
    version: Generated<number>;
    valid_from: ColumnType<string | null, string | null | undefined, string | null>;
    valid_to: ColumnType<string | null, string | null | undefined, string | null>;
    search_vector: ColumnType<string, string | undefined, string>;
    search_doc: ColumnType<unknown, string | undefined, string>;
    initials: Generated<string>;
    views: Generated<number>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    published_at: Date | null;
  };
  kb_article_versions: {
    article_id: string;
    version: number;
    title: string;
    body: string;
    body_format: Generated<string>;
    category_id: string | null;
    tags: string[];
    synonyms: string[];
    valid_from: string | null;
    valid_to: string | null;
    edited_by: string | null;
    edited_at: Generated<Date>;
    note: string | null;
  };
  kb_article_events: {
    id: Generated<string>;
    article_id: string;
    type: string;
    from_status: string | null;
    to_status: string | null;
    actor_id: string | null;
    comment: string | null;
    at: Generated<Date>;
  };
  kb_term_df: { term: string; df: number };
  kb_synonyms: { id: string; words: string[]; created_at: Generated<Date> };
  kb_phrases: {
    id: string;
    category: string;
    title: string;
    body: string;
    sort: Generated<number>;
    active: Generated<boolean>;
  };
  kb_hot_topics: {
    id: string;
    title: string;
    summary: string;
    article_id: string | null;
    announce_text: string | null;
    starts_at: Generated<Date>;
    ends_at: Date | null;
    sort: Generated<number>;
    active: Generated<boolean>;
  };
  kb_quizzes: {
    id: string;
    title: string;
    article_ids: string[];
    questions: ColumnType<unknown, string, string>;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  kb_quiz_attempts: {
    id: string;
    quiz_id: string;
    user_id: string;
    category_id: string | null;
    questions: ColumnType<unknown, string, string>;
    answers: ColumnType<unknown, string | null | undefined, string | null>;
    correct: number | null;
    total: number;
    score: number | null;
    started_at: Generated<Date>;
    finished_at: Date | null;
    assignment_id: Generated<string | null>;
  };
  kb_quiz_assignments: {
    id: string;
    quiz_id: string;
    title: string;
    all_agents: boolean;
    due_at: Date;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  kb_quiz_assignees: { assignment_id: string; user_id: string };
};
