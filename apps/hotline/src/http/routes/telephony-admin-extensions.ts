import {
  ExtensionCreateBody,
  ExtensionParams,
  ExtensionPatchBody,
  ExtensionResponse,
  ExtensionsResponse,
  type ExtensionView,
  type PermissionClass,
  TelephonyDeletedResponse,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import { extensionHa1 } from '../../switch/sip-secrets.ts';
import { HA1_MARKER } from '../../switch/telephony-store.ts';
import { defineRoute, type RouteTable } from '../define-route.ts';
import {
  type AdminDb,
  auditChange,
  iso,
  TELEPHONY_ADMIN,
  type TelephonyAdminContext,
  tables,
} from './telephony-admin-context.ts';

/**
 * The stored form of an extension's SIP password: its digest HA1 values for the switch's realm
 * (decision 0305, `sip-secrets.ts`), with the marker that says "a password is set" — the clear
 * password never reaches the database.
 */
export function extensionSecret(extension: string, password: string) {
  return { password: HA1_MARKER, ...extensionHa1(extension, password) };
}

type Row = {
  extension: string;
  password: string;
  ha1_md5: string | null;
  ha1_sha256: string | null;
  display_name: string;
  permission: string;
  user_id: string | null;
  created_at: Date;
};

async function view(db: AdminDb, rows: Row[]): Promise<ExtensionView[]> {
  const ids = rows.flatMap((r) => (r.user_id ? [r.user_id] : []));
  const users =
    ids.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute();
  const names = new Map(users.map((u) => [u.id, `${u.display_name} (${u.username})`]));
  return rows.map((r) => ({
    extension: r.extension,
    displayName: r.display_name,
    permission: r.permission as PermissionClass,
    userId: r.user_id,
    userName: r.user_id ? (names.get(r.user_id) ?? null) : null,
    passwordSet: r.password === HA1_MARKER,
    createdAt: iso(r.created_at),
  }));
}

async function one(db: AdminDb, extension: string): Promise<Row> {
  const r = await db.selectFrom('sip_extensions').selectAll().where('extension', '=', extension).executeTakeFirst();
  if (!r) throw new HotlineError(ErrorCode.NotFound, `no extension ${extension}`);
  return r;
}

/** A linked user must exist and have no other extension (the agent desktop finds the user's phone). */
async function checkUser(db: AdminDb, userId: string | null, extension: string): Promise<void> {
  if (!userId) return;
  const u = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!u) throw new HotlineError(ErrorCode.ValidationFailed, 'body.userId: no such user');
  const other = await db
    .selectFrom('sip_extensions')
    .select('extension')
    .where('user_id', '=', userId)
    .where('extension', '<>', extension)
    .executeTakeFirst();
  if (other) throw new HotlineError(ErrorCode.Conflict, `that user already has extension ${other.extension}`);
}

/** DIDs whose target names `extension`. */
export async function didsReaching(db: AdminDb, extension: string): Promise<string[]> {
  const dids = await db.selectFrom('sip_dids').select(['did', 'target']).execute();
  return dids
    .filter((d) => {
      const t = (typeof d.target === 'string' ? JSON.parse(d.target) : d.target) as {
        type: string;
        extension?: string;
        extensions?: string[];
      };
      return t.extension === extension || (t.extensions ?? []).includes(extension);
    })
    .map((d) => d.did);
}

export function extensionAdminRoutes(app: FastifyInstance, table: RouteTable, ctx: TelephonyAdminContext): void {
  const { store } = ctx;
  const base = '/api/v1/admin/telephony/extensions';

  defineRoute(app, table, {
    method: 'GET',
    url: base,
    summary: 'SIP extensions with permission class and linked user (passwords never returned)',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    response: ExtensionsResponse,
    handler: async () => {
      const db = tables(store.db);
      return {
        extensions: await view(db, await db.selectFrom('sip_extensions').selectAll().orderBy('extension').execute()),
      };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: base,
    summary: 'Add an extension (number, SIP password, display name, permission class, linked user)',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    body: ExtensionCreateBody,
    response: ExtensionResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const extension = await store.transaction(async (trx) => {
        const db = tables(trx);
        const exists = await db
          .selectFrom('sip_extensions')
          .select('extension')
          .where('extension', '=', body.extension)
          .executeTakeFirst();
        if (exists) throw new HotlineError(ErrorCode.Conflict, `extension ${body.extension} exists`);
        await checkUser(db, body.userId, body.extension);
        const row = await db
          .insertInto('sip_extensions')
          .values({
            extension: body.extension,
            ...extensionSecret(body.extension, body.password),
            display_name: body.displayName,
            permission: body.permission,
            user_id: body.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const [v] = await view(db, [row]);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.extension.create',
            targetType: 'sip_extension',
            targetId: row.extension,
            after: v,
          },
        );
        return v!;
      });
      return { extension, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: `${base}/:extension`,
    summary: "Change an extension's display name, permission class, linked user or password",
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: ExtensionParams,
    body: ExtensionPatchBody,
    response: ExtensionResponse,
    handler: async ({ params, body, auth, meta }) => {
      const extension = await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = await one(db, params.extension);
        if (body.userId !== undefined) await checkUser(db, body.userId, params.extension);
        const row = await db
          .updateTable('sip_extensions')
          .set({
            ...(body.password !== undefined ? extensionSecret(params.extension, body.password) : {}),
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.permission !== undefined ? { permission: body.permission } : {}),
            ...(body.userId !== undefined ? { user_id: body.userId } : {}),
          })
          .where('extension', '=', params.extension)
          .returningAll()
          .executeTakeFirstOrThrow();
        const [b, a] = await view(db, [before, row]);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.extension.update',
            targetType: 'sip_extension',
            targetId: row.extension,
            before: b,
            after: a,
            details: { passwordChanged: body.password !== undefined },
          },
        );
        return a!;
      });
      return { extension, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: `${base}/:extension`,
    summary: 'Remove an extension (refused while a DID rings it); its phones can no longer register',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: ExtensionParams,
    response: TelephonyDeletedResponse,
    handler: async ({ params, auth, meta }) => {
      await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = await one(db, params.extension);
        const dids = await didsReaching(db, params.extension);
        if (dids.length > 0) {
          throw new HotlineError(
            ErrorCode.Conflict,
            `extension ${params.extension} is a target of DID ${dids.join(', ')}: change the DID first`,
          );
        }
        await db.deleteFrom('sip_extensions').where('extension', '=', params.extension).execute();
        const [b] = await view(db, [before]);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.extension.delete',
            targetType: 'sip_extension',
            targetId: params.extension,
            before: b,
          },
        );
      });
      return { deleted: params.extension, switch: ctx.push() };
    },
  });
}
