import { HotTopicBody, KbItemParams, PhraseBody, PhraseQuery } from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { activeHotTopics, kbDb, listPhrases } from '@hotline/kb';
import { type Store, writeAudit } from '@hotline/store';
import type { z } from 'zod';
import { defineRoute } from '../define-route.ts';
import { KB_ALL, KB_REVIEWERS } from './kb-roles.ts';
import type { RouteModule } from './module.ts';

type CatalogTable = 'kb_phrases' | 'kb_hot_topics';

/** One editor-maintained list (标准用语, 热点问题): create, change and withdraw, each audited. */
interface CatalogSpec<B extends z.ZodType<{ sort?: number | undefined }>> {
  url: string;
  table: CatalogTable;
  body: B;
  /** Audit action prefix (`kb.phrase`) and the name of the withdrawing action (`withdraw`). */
  audit: string;
  removeAction: string;
  summaries: { create: string; update: string; remove: string };
  /** The inserted row (without id). */
  insert(body: z.infer<B>, now: Date): Record<string, unknown>;
  /** The changed columns. */
  update(body: z.infer<B>): Record<string, unknown>;
  /** The response of create and update. */
  reply(id: string, body: z.infer<B>): Record<string, unknown>;
}

/** Defines POST `url`, PUT and DELETE `url/:id` for one catalog list (reviewers only). */
function defineCatalog(...[app, table, deps]: Parameters<RouteModule>) {
  return <B extends z.ZodType<{ sort?: number | undefined }>>(spec: CatalogSpec<B>): void => {
    const targetType = spec.table.slice(0, -1);
    defineRoute(app, table, {
      method: 'POST',
      url: spec.url,
      summary: spec.summaries.create,
      tags: ['kb'],
      access: KB_REVIEWERS,
      body: spec.body,
      status: 201,
      handler: async ({ body, auth }) => {
        const id = newId();
        const row = { id, ...spec.insert(body, new Date(deps.clock.now())) };
        await deps.store.transaction(async (trx) => {
          await kbDb({ db: trx })
            .insertInto(spec.table)
            .values(row as never)
            .execute();
          await writeAudit(trx, {
            actorId: auth?.user.id ?? null,
            action: `${spec.audit}.create`,
            targetType,
            targetId: id,
            after: row,
          });
        });
        return spec.reply(id, body);
      },
    });
    defineRoute(app, table, {
      method: 'PUT',
      url: `${spec.url}/:id`,
      summary: spec.summaries.update,
      tags: ['kb'],
      access: KB_REVIEWERS,
      params: KbItemParams,
      body: spec.body,
      handler: async ({ params, body, auth }) => {
        const set = { ...spec.update(body), ...(body.sort !== undefined ? { sort: body.sort } : {}) };
        await changeActive(deps.store, spec.table, params.id, set, auth?.user.id ?? null, `${spec.audit}.update`);
        return spec.reply(params.id, body);
      },
    });
    defineRoute(app, table, {
      method: 'DELETE',
      url: `${spec.url}/:id`,
      summary: spec.summaries.remove,
      tags: ['kb'],
      access: KB_REVIEWERS,
      params: KbItemParams,
      handler: async ({ params, auth }) => {
        const action = `${spec.audit}.${spec.removeAction}`;
        await changeActive(deps.store, spec.table, params.id, { active: false }, auth?.user.id ?? null, action);
        return { ok: true };
      },
    });
  };
}

/** Standard phrases and hot topics: everyone reads, reviewers maintain. */
export const kbCatalogRoutes: RouteModule = (app, table, deps) => {
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/phrases',
    summary: 'Standard phrases (标准用语)',
    tags: ['kb'],
    access: KB_ALL,
    query: PhraseQuery,
    handler: async ({ query }) => ({ phrases: await listPhrases(deps.store, query.q) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/hot-topics',
    summary: 'Active hot topics (also used for IVR announcements)',
    tags: ['kb'],
    access: KB_ALL,
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
  const catalog = defineCatalog(app, table, deps);
  const phraseFields = (b: z.infer<typeof PhraseBody>) => ({ category: b.category, title: b.title, body: b.body });
  catalog({
    url: '/api/v1/kb/phrases',
    table: 'kb_phrases',
    body: PhraseBody,
    audit: 'kb.phrase',
    removeAction: 'withdraw',
    summaries: {
      create: 'Add a standard phrase (audited)',
      update: 'Change a standard phrase (audited)',
      remove: 'Withdraw a standard phrase (kept, inactive; audited)',
    },
    insert: (b) => ({ ...phraseFields(b), sort: b.sort ?? 0 }),
    update: phraseFields,
    reply: (id, b) => ({ phrase: { id, ...phraseFields(b) } }),
  });
  catalog({
    url: '/api/v1/kb/hot-topics',
    table: 'kb_hot_topics',
    body: HotTopicBody,
    audit: 'kb.hot_topic',
    removeAction: 'end',
    summaries: {
      create: 'Publish a hot topic (audited)',
      update: 'Change a hot topic (audited)',
      remove: 'End a hot topic now (kept, inactive; audited)',
    },
    insert: (b, now) => ({ ...hotTopicRow(b), sort: b.sort ?? 0, starts_at: now }),
    update: hotTopicRow,
    reply: (id) => ({ topic: { id } }),
  });
};

function hotTopicRow(body: z.infer<typeof HotTopicBody>) {
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
  tableName: CatalogTable,
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
