import type { BodyFormat } from './rich-text.ts';

/** Shapes of the knowledge-base API responses as the browser receives them (dates are ISO strings). */
export type ArticleStatus = 'draft' | 'review' | 'published' | 'archived';

export interface KbHit {
  id: string;
  code: string | null;
  title: string;
  snippet: string;
  score: number;
  matched: string[];
  category: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface Article {
  id: string;
  code: string | null;
  title: string;
  body: string;
  bodyFormat: BodyFormat;
  categoryId: string | null;
  tags: string[];
  synonyms: string[];
  departmentId: string | null;
  status: ArticleStatus;
  version: number;
  validFrom: string | null;
  validTo: string | null;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ArticleVersion {
  version: number;
  title: string;
  body: string;
  bodyFormat: BodyFormat;
  editedBy: string | null;
  editorName: string | null;
  editedAt: string;
  note: string | null;
}

export interface ArticleEvent {
  type: string;
  from: ArticleStatus | null;
  to: ArticleStatus | null;
  actorId: string | null;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export interface ArticleView {
  article: Article;
  versions: ArticleVersion[];
  history: ArticleEvent[];
}

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
}

export interface Department {
  id: string;
  name: string;
}

export interface Phrase {
  id: string;
  category: string;
  title: string;
  body: string;
}

export interface HotTopic {
  id: string;
  title: string;
  summary: string;
  articleId: string | null;
  announceText: string | null;
  endsAt: string | null;
}
