import { KbHitsDetailResponse, KbSearchQuery, KbSuggestBody } from '@hotline/contracts';
import { ArticleRepository, defaultSegmenter, KbSearch, kbDb, type SearchResult } from '@hotline/kb';
import type { Store } from '@hotline/store';
import { defineRoute } from '../define-route.ts';
import { kbArticleRoutes } from './kb-articles.ts';
import { kbCatalogRoutes } from './kb-catalog.ts';
import { kbQuizAssignmentRoutes } from './kb-quiz-assignments.ts';
import { kbQuizRoutes } from './kb-quizzes.ts';
import { KB_ALL } from './kb-roles.ts';
import type { RouteModule } from './module.ts';

/**
 * Knowledge base: search, suggestions and categories here; articles (`kb-articles.ts`), phrases and
 * hot topics (`kb-catalog.ts`), training quizzes (`kb-quizzes.ts`) and their assignments (`kb-quiz-assignments.ts`).
 */
export const kbRoutes: RouteModule = (app, table, deps) => {
  const seg = defaultSegmenter();
  const repo = new ArticleRepository(deps.store, seg);
  const search = new KbSearch(deps.store, seg, undefined, () => deps.clock.now());

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/search',
    summary: 'Chinese full-text search over published articles',
    tags: ['kb'],
    access: KB_ALL,
    query: KbSearchQuery,
    response: KbHitsDetailResponse,
    handler: async ({ query }) => ({ hits: await withDetails(deps.store, await search.search(query.q, query.limit)) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/suggest',
    summary: 'Top-5 articles for the text of a case form or chat',
    tags: ['kb'],
    access: KB_ALL,
    body: KbSuggestBody,
    response: KbHitsDetailResponse,
    handler: async ({ body }) => ({ hits: await withDetails(deps.store, await search.suggest(body.text)) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/categories',
    summary: 'Article categories (flat list with parentId, in display order)',
    tags: ['kb'],
    access: KB_ALL,
    handler: async () => {
      const rows = await kbDb(deps.store).selectFrom('kb_categories').selectAll().orderBy('sort').execute();
      return { categories: rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name })) };
    },
  });
  kbArticleRoutes(repo, search)(app, table, deps);
  kbCatalogRoutes(app, table, deps);
  kbQuizRoutes(app, table, deps);
  kbQuizAssignmentRoutes(app, table, deps);
};

/** Adds the category name and validity dates the result list shows. */
async function withDetails(store: Store, hits: SearchResult[]) {
  if (hits.length === 0) return [];
  const rows = await kbDb(store)
    .selectFrom('kb_articles as a')
    .leftJoin('kb_categories as c', 'c.id', 'a.category_id')
    .select(['a.id', 'c.name as category', 'a.valid_from', 'a.valid_to'])
    .where(
      'a.id',
      'in',
      hits.map((h) => h.id),
    )
    .execute();
  const day = (d: unknown): string | null =>
    d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.map((h) => {
    const r = byId.get(h.id);
    return {
      id: h.id,
      code: h.code,
      title: h.title,
      snippet: h.snippet,
      score: h.score,
      matched: h.matched,
      category: r?.category ?? null,
      validFrom: day(r?.valid_from),
      validTo: day(r?.valid_to),
    };
  });
}
