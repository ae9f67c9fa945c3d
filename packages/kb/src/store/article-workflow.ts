import { type TransitionTable, transition } from '@hotline/core';

/**
 * Editorial workflow (采编) of an article:
 *
 *   draft ──submit──▶ review ──approve──▶ published ──archive──▶ archived
 *     ▲                 │                    │                      │
 *     └────reject───────┘◀───────revise──────┘◀──────restore────────┘ (restore → draft)
 *
 * Only published articles within their validity dates are searchable. Revising a published
 * article withdraws it from search until the new version is approved.
 */
export const ArticleStatus = {
  Draft: 'draft',
  Review: 'review',
  Published: 'published',
  Archived: 'archived',
} as const;
export type ArticleStatus = (typeof ArticleStatus)[keyof typeof ArticleStatus];

export const ARTICLE_TRANSITIONS: TransitionTable<ArticleStatus> = {
  draft: ['review'],
  review: ['draft', 'published'],
  published: ['archived', 'draft'],
  archived: ['draft'],
};

/** Event type recorded for each move, named by what the editor did. */
export function workflowAction(from: ArticleStatus, to: ArticleStatus): string {
  if (to === 'review') return 'submitted';
  if (to === 'published') return 'approved';
  if (to === 'archived') return 'archived';
  if (from === 'review') return 'rejected';
  if (from === 'archived') return 'restored';
  return 'revised';
}

export function nextArticleStatus(from: ArticleStatus, to: ArticleStatus): ArticleStatus {
  return transition(ARTICLE_TRANSITIONS, from, to, 'article');
}

/** Fields editors may change only while the article is not published. */
export function isEditable(status: ArticleStatus): boolean {
  return status === 'draft' || status === 'review';
}
