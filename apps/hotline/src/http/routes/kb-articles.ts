import { ArticleBody, ArticleIdParams, ArticleListQuery, ArticleTransitionBody, type Role } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { ArticleRepository, KbSearch } from '@hotline/kb';
import type { Store } from '@hotline/store';
import { defineRoute } from '../define-route.ts';
import { KB_ALL, KB_EDITORS, KB_REVIEWERS } from './kb-roles.ts';
import type { RouteModule } from './module.ts';

/** Articles: list, the editor (rich-text bodies are sanitised by the repository) and the workflow. */
export function kbArticleRoutes(repo: ArticleRepository, search: KbSearch): RouteModule {
  return (app, table, deps) => {
    defineRoute(app, table, {
      method: 'GET',
      url: '/api/v1/kb/articles',
      summary: 'Articles by status (the review queue is status=review)',
      tags: ['kb'],
      access: KB_ALL,
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
      access: KB_EDITORS,
      body: ArticleBody,
      status: 201,
      handler: async ({ body, auth }) => ({ article: await repo.create(body, auth?.user.id ?? null) }),
    });
    defineRoute(app, table, {
      method: 'GET',
      url: '/api/v1/kb/articles/:id',
      summary: 'An article with its versions and workflow history',
      tags: ['kb'],
      access: KB_ALL,
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
      access: KB_EDITORS,
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
      access: KB_EDITORS,
      params: ArticleIdParams,
      body: ArticleTransitionBody,
      handler: async ({ params, body, auth }) => {
        const reviewer = auth?.user.roles.some((r) => KB_REVIEWERS.includes(r as Role)) ?? false;
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
  };
}

/** Display names of the users who edited or moved an article. */
async function actorNames(store: Store, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await store.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
