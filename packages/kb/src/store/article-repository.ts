import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { appendEvent, type Kysely, type Store, sql } from '@hotline/store';
import { type BodyFormat, bodyText } from '../rich-text/html-to-text.ts';
import { sanitizeHtml } from '../rich-text/sanitize-html.ts';
import {
  buildSearchDocument,
  documentTerms,
  type SearchDocument,
  toTsvectorLiteral,
} from '../search/search-document.ts';
import type { Segmenter } from '../search/segmenter.ts';
import { ArticleStatus, isEditable, nextArticleStatus, workflowAction } from './article-workflow.ts';
import type { KbTables } from './kb-tables.ts';

export interface ArticleInput {
  code?: string | null;
  title: string;
  body: string;
  /** `html` bodies are sanitised to the allowed subset before they are stored; default `text`. */
  bodyFormat?: BodyFormat;
  categoryId?: string | null;
  tags?: string[];
  synonyms?: string[];
  departmentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
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
  updatedAt: Date;
  publishedAt: Date | null;
}

const MAX_TITLE = 200;
const MAX_BODY = 200_000;

export function kbDb(store: Pick<Store, 'db'>): Kysely<KbTables> {
  return store.db.withTables<KbTables>() as unknown as Kysely<KbTables>;
}

/** The body as stored: HTML re-written to the allowed subset, text as given. */
function storedBody(input: ArticleInput): { body: string; body_format: BodyFormat } {
  if (input.bodyFormat === 'html') return { body: sanitizeHtml(input.body), body_format: 'html' };
  return { body: input.body, body_format: 'text' };
}

function validate(input: ArticleInput): { body: string; body_format: BodyFormat } {
  const problems: string[] = [];
  if (typeof input.title !== 'string' || input.title.trim() === '') problems.push('title is required');
  else if (input.title.length > MAX_TITLE) problems.push(`title longer than ${MAX_TITLE}`);
  if (input.bodyFormat !== undefined && input.bodyFormat !== 'text' && input.bodyFormat !== 'html') {
    problems.push('bodyFormat must be text or html');
  }
  const stored = typeof input.body === 'string' ? storedBody(input) : null;
  if (!stored || bodyText(stored.body, stored.body_format) === '') problems.push('body is required');
  else if (stored.body.length > MAX_BODY) problems.push('body too long');
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (input.validFrom && !date.test(input.validFrom)) problems.push('validFrom must be YYYY-MM-DD');
  if (input.validTo && !date.test(input.validTo)) problems.push('validTo must be YYYY-MM-DD');
  if (input.validFrom && input.validTo && input.validFrom > input.validTo) problems.push('validFrom after validTo');
  if (problems.length > 0 || !stored) {
    throw new HotlineError(ErrorCode.ValidationFailed, problems.join('; '), { problems });
  }
  return stored;
}

type Row = KbTables['kb_articles'] & { valid_from: string | null; valid_to: string | null };

function toArticle(r: {
  id: string;
  code: string | null;
  title: string;
  body: string;
  body_format: string;
  category_id: string | null;
  tags: string[];
  synonyms: string[];
  department_id: string | null;
  status: string;
  version: number;
  valid_from: unknown;
  valid_to: unknown;
  updated_at: Date;
  published_at: Date | null;
}): Article {
  const day = (d: unknown): string | null =>
    d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    body: r.body,
    bodyFormat: r.body_format === 'html' ? 'html' : 'text',
    categoryId: r.category_id,
    tags: r.tags,
    synonyms: r.synonyms,
    departmentId: r.department_id,
    status: r.status as ArticleStatus,
    version: r.version,
    validFrom: day(r.valid_from),
    validTo: day(r.valid_to),
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

export type { Row as ArticleRow };

const COLUMNS = [
  'id',
  'code',
  'title',
  'body',
  'body_format',
  'category_id',
  'tags',
  'synonyms',
  'department_id',
  'status',
  'version',
  'valid_from',
  'valid_to',
  'updated_at',
  'published_at',
] as const;

export class ArticleRepository {
  readonly #store: Store;
  readonly #seg: Segmenter;
  constructor(store: Store, seg: Segmenter) {
    this.#store = store;
    this.#seg = seg;
  }

  async get(id: string): Promise<Article> {
    const r = await kbDb(this.#store).selectFrom('kb_articles').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!r) throw new HotlineError(ErrorCode.NotFound, `article ${id} not found`);
    return toArticle(r);
  }

  async list(filter: { status?: ArticleStatus; limit?: number } = {}): Promise<Article[]> {
    let q = kbDb(this.#store).selectFrom('kb_articles').select(COLUMNS);
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q
      .orderBy('updated_at', 'desc')
      .limit(Math.min(500, filter.limit ?? 100))
      .execute();
    return rows.map(toArticle);
  }

  async create(input: ArticleInput, actorId: string | null = null): Promise<Article> {
    const stored = validate(input);
    const id = newId();
    await this.#store.transaction(async (trx) => {
      const db = trx.withTables<KbTables>() as unknown as Kysely<KbTables>;
      await db
        .insertInto('kb_articles')
        .values({
          id,
          code: input.code ?? null,
          title: input.title.trim(),
          ...stored,
          category_id: input.categoryId ?? null,
          tags: input.tags ?? [],
          synonyms: input.synonyms ?? [],
          department_id: input.departmentId ?? null,
          valid_from: input.validFrom ?? null,
          valid_to: input.validTo ?? null,
          created_by: actorId,
          published_at: null,
        })
        .execute();
      await this.#snapshot(db, id, actorId, 'created');
      await db
        .insertInto('kb_article_events')
        .values({
          article_id: id,
          type: 'created',
          from_status: null,
          to_status: 'draft',
          actor_id: actorId,
          comment: null,
        })
        .execute();
      await appendEvent(trx, {
        stream: 'kb_article',
        streamId: id,
        type: 'kb.article.created',
        data: { title: input.title },
        actorId,
      });
    });
    return this.get(id);
  }

  /** Edits content; allowed in draft and review. Each edit is a new version. */
  async update(
    id: string,
    input: ArticleInput,
    actorId: string | null = null,
    note: string | null = null,
  ): Promise<Article> {
    const stored = validate(input);
    await this.#store.transaction(async (trx) => {
      const db = trx.withTables<KbTables>() as unknown as Kysely<KbTables>;
      const cur = await db
        .selectFrom('kb_articles')
        .select(['status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!cur) throw new HotlineError(ErrorCode.NotFound, `article ${id} not found`);
      if (!isEditable(cur.status as ArticleStatus)) {
        throw new HotlineError(ErrorCode.Conflict, `article is ${cur.status}; revise it to a draft first`);
      }
      await db
        .updateTable('kb_articles')
        .set({
          title: input.title.trim(),
          ...stored,
          category_id: input.categoryId ?? null,
          tags: input.tags ?? [],
          synonyms: input.synonyms ?? [],
          department_id: input.departmentId ?? null,
          valid_from: input.validFrom ?? null,
          valid_to: input.validTo ?? null,
          version: sql<number>`version + 1`,
          updated_at: sql<Date>`now()`,
          ...(input.code !== undefined ? { code: input.code } : {}),
        })
        .where('id', '=', id)
        .execute();
      await this.#snapshot(db, id, actorId, note);
      await db
        .insertInto('kb_article_events')
        .values({
          article_id: id,
          type: 'edited',
          from_status: cur.status,
          to_status: cur.status,
          actor_id: actorId,
          comment: note,
        })
        .execute();
    });
    return this.get(id);
  }

  /** Moves the article through the workflow; publishing indexes it, leaving published un-indexes it. */
  async transition(
    id: string,
    to: ArticleStatus,
    actorId: string | null = null,
    comment: string | null = null,
  ): Promise<Article> {
    await this.#store.transaction(async (trx) => {
      const db = trx.withTables<KbTables>() as unknown as Kysely<KbTables>;
      const cur = await db
        .selectFrom('kb_articles')
        .select(COLUMNS)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!cur) throw new HotlineError(ErrorCode.NotFound, `article ${id} not found`);
      const from = cur.status as ArticleStatus;
      nextArticleStatus(from, to);
      if (to === ArticleStatus.Published) {
        const doc = buildSearchDocument(this.#seg, {
          id,
          title: cur.title,
          body: cur.body,
          format: cur.body_format === 'html' ? 'html' : 'text',
          keywords: [...cur.tags, ...cur.synonyms],
        });
        await db
          .updateTable('kb_articles')
          .set({
            status: to,
            search_vector: sql<string>`${toTsvectorLiteral(doc)}::tsvector`,
            search_doc: JSON.stringify(doc),
            initials: doc.initials,
            published_at: sql<Date>`now()`,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', id)
          .execute();
        await adjustDf(db, documentTerms(doc), +1);
      } else {
        if (from === ArticleStatus.Published) {
          const row = await db
            .selectFrom('kb_articles')
            .select(['search_doc'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await adjustDf(db, documentTerms(row.search_doc as SearchDocument), -1);
        }
        await db
          .updateTable('kb_articles')
          .set({ status: to, search_vector: sql<string>`''::tsvector`, updated_at: sql<Date>`now()` })
          .where('id', '=', id)
          .execute();
      }
      const type = workflowAction(from, to);
      await db
        .insertInto('kb_article_events')
        .values({ article_id: id, type, from_status: from, to_status: to, actor_id: actorId, comment })
        .execute();
      await appendEvent(trx, {
        stream: 'kb_article',
        streamId: id,
        type: `kb.article.${type}`,
        data: { from, to, comment },
        actorId,
      });
    });
    return this.get(id);
  }

  async history(id: string): Promise<
    Array<{
      type: string;
      from: string | null;
      to: string | null;
      actorId: string | null;
      comment: string | null;
      at: Date;
    }>
  > {
    const rows = await kbDb(this.#store)
      .selectFrom('kb_article_events')
      .selectAll()
      .where('article_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      type: r.type,
      from: r.from_status,
      to: r.to_status,
      actorId: r.actor_id,
      comment: r.comment,
      at: r.at,
    }));
  }

  async versions(id: string): Promise<
    Array<{
      version: number;
      title: string;
      body: string;
      bodyFormat: BodyFormat;
      editedBy: string | null;
      editedAt: Date;
      note: string | null;
    }>
  > {
    const rows = await kbDb(this.#store)
      .selectFrom('kb_article_versions')
      .selectAll()
      .where('article_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      title: r.title,
      body: r.body,
      bodyFormat: r.body_format === 'html' ? 'html' : 'text',
      editedBy: r.edited_by,
      editedAt: r.edited_at,
      note: r.note,
    }));
  }

  async #snapshot(db: Kysely<KbTables>, id: string, actorId: string | null, note: string | null): Promise<void> {
    const a = await db.selectFrom('kb_articles').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
    const art = toArticle(a);
    await db
      .insertInto('kb_article_versions')
      .values({
        article_id: id,
        version: art.version,
        title: art.title,
        body: art.body,
        body_format: art.bodyFormat,
        category_id: art.categoryId,
        tags: art.tags,
        synonyms: art.synonyms,
        valid_from: art.validFrom,
        valid_to: art.validTo,
        edited_by: actorId,
        note,
      })
      .execute();
  }
}

/** Adds `delta` to the document frequency of each term (one statement, sorted to avoid deadlocks). */
async function adjustDf(db: Kysely<KbTables>, terms: string[], delta: 1 | -1): Promise<void> {
  if (terms.length === 0) return;
  const sorted = [...new Set(terms)].sort();
  await sql`
    insert into kb_term_df (term, df)
    select t, ${delta > 0 ? 1 : 0} from unnest(${sorted}::text[]) as t
    on conflict (term) do update set df = greatest(0, kb_term_df.df + ${delta})
  `.execute(db);
}
