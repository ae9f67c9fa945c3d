import { TelephonyDeletedResponse } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { TelephonyTables } from '../../switch/telephony-store.ts';
import { defineRoute, type RouteTable } from '../define-route.ts';
import {
  type AdminDb,
  auditChange,
  TELEPHONY_ADMIN,
  type TelephonyAdminContext,
  tables,
} from './telephony-admin-context.ts';

/** The switch configuration tables an administrator edits row by row. */
export type AdminTable = 'sip_extensions' | 'sip_trunks' | 'sip_dids' | 'sip_outbound_routes';
export type AdminRow<T extends AdminTable> = Selectable<TelephonyTables[T]>;

/**
 * One switch-configuration entity as list / create / patch / delete routes. Every change runs in a
 * transaction: read the row before, validate (the hooks), write, audit before/after as views (never
 * secrets), then queue a push of the configuration to the switch.
 */
export interface AdminCrud<T extends AdminTable, V, C extends z.ZodType, U extends z.ZodType, P extends z.ZodType> {
  url: string;
  table: T;
  /** The key column; also the name of the URL parameter (`:extension`, `:id`, `:did`). */
  key: keyof AdminRow<T> & string;
  /** Response field and audit action (`telephony.<name>.create`); the list field is `<name>s`. */
  name: 'extension' | 'trunk' | 'did' | 'route';
  /** How error messages name a row: `no <label> 42`, `<label> 42 exists`. */
  label: string;
  /** Audit target type. */
  targetType: string;
  /** List order. */
  order: (keyof AdminRow<T> & string)[];
  summaries: { list: string; create: string; update: string; remove: string };
  schemas: { list: z.ZodType; one: z.ZodType; params: P; create: C; patch: U };
  /** Rows → what the API returns and the audit keeps: no secret may appear here. */
  views(db: AdminDb, rows: AdminRow<T>[]): Promise<V[]>;
  /** The key a create body asks for (taken: 409); absent when the database assigns it. */
  newKey?: (body: z.infer<C>) => string;
  /** Validates a create body; returns the row to insert, secrets already in their stored form. */
  insert(db: AdminDb, body: z.infer<C>): Promise<Insertable<TelephonyTables[T]>>;
  /** Validates a patch against the current row; returns the columns to set. */
  update(db: AdminDb, body: z.infer<U>, before: AdminRow<T>): Promise<Updateable<TelephonyTables[T]>>;
  /** Patch fields that hold secrets: the audit says only `<field>Changed`, never a value. */
  secrets?: readonly (keyof z.infer<U> & string)[];
  /** Refuses a delete (throws) while something still depends on the row. */
  guardDelete?(db: AdminDb, key: string): Promise<void>;
}

/** The one place the helper addresses a table by a name it holds in a variable. */
type Loose = Kysely<Record<string, Record<string, Value>>>;
type Value = string | number | boolean | Date | string[] | null;
const loose = (db: AdminDb): Loose => db as unknown as Loose;

async function one<T extends AdminTable>(
  db: AdminDb,
  e: Pick<AdminCrud<T, unknown, z.ZodType, z.ZodType, z.ZodType>, 'table' | 'key' | 'label'>,
  key: string | number,
): Promise<AdminRow<T>> {
  const t: string = e.table;
  const k: string = e.key;
  const r = await loose(db).selectFrom(t).selectAll().where(k, '=', key).executeTakeFirst();
  if (!r) throw new HotlineError(ErrorCode.NotFound, `no ${e.label} ${key}`);
  return r as AdminRow<T>;
}

export function adminCrudRoutes<T extends AdminTable, V, C extends z.ZodType, U extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  routeTable: RouteTable,
  ctx: TelephonyAdminContext,
  e: AdminCrud<T, V, C, U, P>,
): void {
  const { store } = ctx;
  const tags = ['telephony', 'admin'];
  const action = (verb: string) => `telephony.${e.name}.${verb}`;
  const keyOf = (params: unknown) => (params as Record<string, string | number>)[e.key]!;
  const keyText = (row: AdminRow<T>) => String(row[e.key]);
  const t: string = e.table;
  const k: string = e.key;
  const item = `${e.url}/:${k}`;

  defineRoute(app, routeTable, {
    method: 'GET',
    url: e.url,
    summary: e.summaries.list,
    tags,
    access: TELEPHONY_ADMIN,
    response: e.schemas.list,
    handler: async () => {
      const db = tables(store.db);
      let q = loose(db).selectFrom(t).selectAll();
      for (const column of e.order as string[]) q = q.orderBy(column);
      return { [`${e.name}s`]: await e.views(db, (await q.execute()) as AdminRow<T>[]) };
    },
  });

  defineRoute(app, routeTable, {
    method: 'POST',
    url: e.url,
    summary: e.summaries.create,
    tags,
    access: TELEPHONY_ADMIN,
    body: e.schemas.create,
    response: e.schemas.one,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const view = await store.transaction(async (trx) => {
        const db = tables(trx);
        const wanted = e.newKey?.(body);
        if (wanted !== undefined) {
          const taken = await loose(db).selectFrom(t).select(k).where(k, '=', wanted).executeTakeFirst();
          if (taken) throw new HotlineError(ErrorCode.Conflict, `${e.label} ${wanted} exists`);
        }
        const values = await e.insert(db, body);
        const row = (await loose(db)
          .insertInto(t)
          .values(values as Record<string, Value>)
          .returningAll()
          .executeTakeFirstOrThrow()) as AdminRow<T>;
        const [v] = await e.views(db, [row]);
        await auditChange(
          trx,
          { auth, ...meta },
          { action: action('create'), targetType: e.targetType, targetId: keyText(row), after: v },
        );
        return v!;
      });
      return { [e.name]: view, switch: ctx.push() };
    },
  });

  defineRoute(app, routeTable, {
    method: 'PATCH',
    url: item,
    summary: e.summaries.update,
    tags,
    access: TELEPHONY_ADMIN,
    params: e.schemas.params,
    body: e.schemas.patch,
    response: e.schemas.one,
    handler: async ({ params, body, auth, meta }) => {
      const view = await store.transaction(async (trx) => {
        const db = tables(trx);
        const key = keyOf(params);
        const before = await one<T>(db, e, key);
        const set = await e.update(db, body, before);
        const row = (await loose(db)
          .updateTable(t)
          .set(set as Record<string, Value>)
          .where(k, '=', key)
          .returningAll()
          .executeTakeFirstOrThrow()) as AdminRow<T>;
        const [b, a] = await e.views(db, [before, row]);
        const secrets = e.secrets ?? [];
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: action('update'),
            targetType: e.targetType,
            targetId: keyText(row),
            before: b,
            after: a,
            ...(secrets.length > 0
              ? {
                  details: Object.fromEntries(
                    secrets.map((s) => [`${s}Changed`, (body as Record<string, Value>)[s] !== undefined]),
                  ),
                }
              : {}),
          },
        );
        return a!;
      });
      return { [e.name]: view, switch: ctx.push() };
    },
  });

  defineRoute(app, routeTable, {
    method: 'DELETE',
    url: item,
    summary: e.summaries.remove,
    tags,
    access: TELEPHONY_ADMIN,
    params: e.schemas.params,
    response: TelephonyDeletedResponse,
    handler: async ({ params, auth, meta }) => {
      const key = keyOf(params);
      await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = await one<T>(db, e, key);
        await e.guardDelete?.(db, String(key));
        const [b] = await e.views(db, [before]);
        await loose(db).deleteFrom(t).where(k, '=', key).execute();
        await auditChange(
          trx,
          { auth, ...meta },
          { action: action('delete'), targetType: e.targetType, targetId: String(key), before: b },
        );
      });
      return { deleted: String(key), switch: ctx.push() };
    },
  });
}
