import {
  ArticleBody,
  ArticleIdParams,
  ArticleListQuery,
  ArticleTransitionBody,
  HotTopicBody,
  KbHitsDetailResponse,
  KbItemParams,
  KbSearchQuery,
  KbSuggestBody,
  PhraseBody,
  PhraseQuery,
  QuizBody,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import {
  ArticleRepository,
  activeHotTopics,
  createQuiz,
  defaultSegmenter,
  KbSearch,
  kbDb,
  listPhrases,
  type SearchResult,
} from '@hotline/kb';
import { type Store, writeAudit } from '@hotline/store';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

const ALL: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];
/** Editors draft and submit (采编; experts in departments write difficult cases). */
const EDITORS: Role[] = ['admin', 'supervisor', 'department'];
/** Reviewers approve, archive and restore. */
const REVIEWERS: Role[] = ['admin', 'supervisor'];

/** Knowledge base: search, suggestions, the editor and the review queue, phrases, hot topics, quizzes. */
export const kbRoutes: RouteModule = (app, table, deps) => {
  const seg = defaultSegmenter();
  const repo = new ArticleRepository(deps.store, seg);
  const search = new KbSearch(deps.store, seg, undefined, () => deps.clock.now());

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/search',
    summary: 'Chinese full-text search over published articles',
    tags: ['kb'],
    access: ALL,
    query: KbSearchQuery,
    response: KbHitsDetailResponse,
    handler: async ({ query }) => ({ hits: await withDetails(deps.store, await search.search(query.q, query.limit)) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/suggest',
    summary: 'Top-5 articles for the text of a case form or chat',
    tags: ['kb'],
    access: ALL,
    body: KbSuggestBody,
    response: KbHitsDetailResponse,
    handler: async ({ body }) => ({ hits: await withDetails(deps.store, await search.suggest(body.text)) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/categories',
    summary: 'Article categories (flat list with parentId, in display order)',
    tags: ['kb'],
    access: ALL,
    handler: async () => {
      const rows = await kbDb(deps.store).selectFrom('kb_categories').selectAll().orderBy('sort').execute();
      return { categories: rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name })) };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/articles',
    summary: 'Articles by status (the review queue is status=review)',
    tags: ['kb'],
    access: ALL,
    query: ArticleListQuery,
    handler: async ({ query }) => ({
      articles: await repo.list({ ...(query.status ? { status: query.status } : {}), limit: query.limit }),
    }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/articles',
    summary: 'Create a draft article',
    tags: ['kb'],
    access: EDITORS,
    body: ArticleBody,
    status: 201,
    handler: async ({ body, auth }) => ({ article: await repo.create(body, auth?.user.id ?? null) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/articles/:id',
    summary: 'An article with its versions and workflow history',
    tags: ['kb'],
    access: ALL,
    params: ArticleIdParams,
    handler: async ({ params }) => {
      const [article, versions, history] = await Promise.all([
        repo.get(params.id),
        repo.versions(params.id),
        repo.history(params.id),
      ]);
      const names = await actorNames(deps.store, [
        ...versions.map((v) => v.editedBy),
        ...history.map((h) => h.actorId),
      ]);
      const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      return {
        article,
        versions: versions.map((v) => ({ ...v, editorName: name(v.editedBy) })),
        history: history.map((h) => ({ ...h, actorName: name(h.actorId) })),
      };
    },
  });
  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/kb/articles/:id',
    summary: 'Edit a draft or an article under review (a new version)',
    tags: ['kb'],
    access: EDITORS,
    params: ArticleIdParams,
    body: ArticleBody,
    handler: async ({ params, body, auth }) => ({
      article: await repo.update(params.id, body, auth?.user.id ?? null, body.note ?? null),
    }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/articles/:id/transition',
    summary: 'Workflow: submit, reject, approve (publish), archive, revise, restore',
    tags: ['kb'],
    access: EDITORS,
    params: ArticleIdParams,
    body: ArticleTransitionBody,
    handler: async ({ params, body, auth }) => {
      const reviewer = auth?.user.roles.some((r) => REVIEWERS.includes(r as Role)) ?? false;
      const current = await repo.get(params.id);
      const needsReviewer =
        body.to === 'published' ||
        body.to === 'archived' ||
        current.status === 'review' ||
        current.status === 'archived';
      if (needsReviewer && !reviewer) throw new HotlineError(ErrorCode.Forbidden, 'only a reviewer may do this');
      const article = await repo.transition(params.id, body.to, auth?.user.id ?? null, body.comment ?? null);
      search.invalidateStats();
      return { article };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/phrases',
    summary: 'Standard phrases (标准用语)',
    tags: ['kb'],
    access: ALL,
    query: PhraseQuery,
    handler: async ({ query }) => ({ phrases: await listPhrases(deps.store, query.q) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/hot-topics',
    summary: 'Active hot topics (also used for IVR announcements)',
    tags: ['kb'],
    access: ALL,
    handler: async () => {
      const topics = await activeHotTopics(deps.store, new Date(deps.clock.now()));
      if (topics.length === 0) return { topics };
      // the editor page also needs when each ends
      const ends = await kbDb(deps.store)
        .selectFrom('kb_hot_topics')
        .select(['id', 'ends_at'])
        .where(
          'id',
          'in',
          topics.map((x) => x.id),
        )
        .execute();
      const byId = new Map(ends.map((r) => [r.id, r.ends_at]));
      return { topics: topics.map((x) => ({ ...x, endsAt: byId.get(x.id) ?? null })) };
    },
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/phrases',
    summary: 'Add a standard phrase (audited)',
    tags: ['kb'],
    access: REVIEWERS,
    body: PhraseBody,
    status: 201,
    handler: async ({ body, auth }) => {
      const id = newId();
      const row = { id, category: body.category, title: body.title, body: body.body, sort: body.sort ?? 0 };
      await deps.store.transaction(async (trx) => {
        await kbDb({ db: trx }).insertInto('kb_phrases').values(row).execute();
        await writeAudit(trx, {
          actorId: auth?.user.id ?? null,
          action: 'kb.phrase.create',
          targetType: 'kb_phrase',
          targetId: id,
          after: row,
        });
      });
      return { phrase: { id, category: row.category, title: row.title, body: row.body } };
    },
  });
  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/kb/phrases/:id',
    summary: 'Change a standard phrase (audited)',
    tags: ['kb'],
    access: REVIEWERS,
    params: KbItemParams,
    body: PhraseBody,
    handler: async ({ params, body, auth }) => {
      const set = {
        category: body.category,
        title: body.title,
        body: body.body,
        ...(body.sort !== undefined ? { sort: body.sort } : {}),
      };
      await changeActive(deps.store, 'kb_phrases', params.id, set, auth?.user.id ?? null, 'kb.phrase.update');
      return { phrase: { id: params.id, category: body.category, title: body.title, body: body.body } };
    },
  });
  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/kb/phrases/:id',
    summary: 'Withdraw a standard phrase (kept, inactive; audited)',
    tags: ['kb'],
    access: REVIEWERS,
    params: KbItemParams,
    handler: async ({ params, auth }) => {
      await changeActive(
        deps.store,
        'kb_phrases',
        params.id,
        { active: false },
        auth?.user.id ?? null,
        'kb.phrase.withdraw',
      );
      return { ok: true };
    },
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/hot-topics',
    summary: 'Publish a hot topic (audited)',
    tags: ['kb'],
    access: REVIEWERS,
    body: HotTopicBody,
    status: 201,
    handler: async ({ body, auth }) => {
      const id = newId();
      const row = { id, ...hotTopicRow(body), sort: body.sort ?? 0, starts_at: new Date(deps.clock.now()) };
      await deps.store.transaction(async (trx) => {
        await kbDb({ db: trx }).insertInto('kb_hot_topics').values(row).execute();
        await writeAudit(trx, {
          actorId: auth?.user.id ?? null,
          action: 'kb.hot_topic.create',
          targetType: 'kb_hot_topic',
          targetId: id,
          after: row,
        });
      });
      return { topic: { id } };
    },
  });
  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/kb/hot-topics/:id',
    summary: 'Change a hot topic (audited)',
    tags: ['kb'],
    access: REVIEWERS,
    params: KbItemParams,
    body: HotTopicBody,
    handler: async ({ params, body, auth }) => {
      const set = { ...hotTopicRow(body), ...(body.sort !== undefined ? { sort: body.sort } : {}) };
      await changeActive(deps.store, 'kb_hot_topics', params.id, set, auth?.user.id ?? null, 'kb.hot_topic.update');
      return { topic: { id: params.id } };
    },
  });
  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/kb/hot-topics/:id',
    summary: 'End a hot topic now (kept, inactive; audited)',
    tags: ['kb'],
    access: REVIEWERS,
    params: KbItemParams,
    handler: async ({ params, auth }) => {
      await changeActive(
        deps.store,
        'kb_hot_topics',
        params.id,
        { active: false },
        auth?.user.id ?? null,
        'kb.hot_topic.end',
      );
      return { ok: true };
    },
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quizzes',
    summary: 'Build a training quiz from published articles',
    tags: ['kb'],
    access: REVIEWERS,
    body: QuizBody,
    status: 201,
    handler: async ({ body, auth }) => ({
      quiz: await createQuiz(deps.store, { ...body, actorId: auth?.user.id ?? null }),
    }),
  });
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

/** Display names of the users who edited or moved an article. */
async function actorNames(store: Store, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await store.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function hotTopicRow(body: {
  title: string;
  summary: string;
  articleId?: string | null | undefined;
  announceText?: string | null | undefined;
  endsAt?: string | null | undefined;
}) {
  return {
    title: body.title,
    summary: body.summary,
    article_id: body.articleId ?? null,
    announce_text: body.announceText || null,
    ends_at: body.endsAt ? new Date(body.endsAt) : null,
  };
}

/** Updates an active phrase or hot topic in one transaction with its audit row; 404 when gone. */
async function changeActive(
  store: Store,
  tableName: 'kb_phrases' | 'kb_hot_topics',
  id: string,
  set: Record<string, unknown>,
  actorId: string | null,
  action: string,
): Promise<void> {
  await store.transaction(async (trx) => {
    const db = kbDb({ db: trx });
    const before = await db
      .selectFrom(tableName)
      .selectAll()
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!before) throw new HotlineError(ErrorCode.NotFound, 'not found');
    await db.updateTable(tableName).set(set).where('id', '=', id).execute();
    await writeAudit(trx, { actorId, action, targetType: tableName.slice(0, -1), targetId: id, before, after: set });
  });
}
