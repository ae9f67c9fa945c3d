import {
  ExtensionCreateBody,
  ExtensionParams,
  ExtensionPatchBody,
  ExtensionResponse,
  ExtensionsResponse,
  type ExtensionView,
  type PermissionClass,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import { extensionHa1 } from '../../switch/sip-secrets.ts';
import { HA1_MARKER } from '../../switch/telephony-store.ts';
import type { RouteTable } from '../define-route.ts';
import { type AdminDb, iso, type TelephonyAdminContext } from './telephony-admin-context.ts';
import { type AdminRow, adminCrudRoutes } from './telephony-admin-crud.ts';

/**
 * The stored form of an extension's SIP password: its digest HA1 values for the switch's realm
 * (decision 0305, `sip-secrets.ts`), with the marker that says "a password is set" — the clear
 * password never reaches the database.
 */
export function extensionSecret(extension: string, password: string) {
  return { password: HA1_MARKER, ...extensionHa1(extension, password) };
}

type Row = AdminRow<'sip_extensions'>;

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
  adminCrudRoutes(app, table, ctx, {
    url: '/api/v1/admin/telephony/extensions',
    table: 'sip_extensions',
    key: 'extension',
    name: 'extension',
    label: 'extension',
    targetType: 'sip_extension',
    order: ['extension'],
    summaries: {
      list: 'SIP extensions with permission class and linked user (passwords never returned)',
      create: 'Add an extension (number, SIP password, display name, permission class, linked user)',
      update: "Change an extension's display name, permission class, linked user or password",
      remove: 'Remove an extension (refused while a DID rings it); its phones can no longer register',
    },
    schemas: {
      list: ExtensionsResponse,
      one: ExtensionResponse,
      params: ExtensionParams,
      create: ExtensionCreateBody,
      patch: ExtensionPatchBody,
    },
    views: view,
    newKey: (body) => body.extension,
    insert: async (db, body) => {
      await checkUser(db, body.userId, body.extension);
      return {
        extension: body.extension,
        ...extensionSecret(body.extension, body.password),
        display_name: body.displayName,
        permission: body.permission,
        user_id: body.userId,
      };
    },
    update: async (db, body, before) => {
      if (body.userId !== undefined) await checkUser(db, body.userId, before.extension);
      return {
        ...(body.password !== undefined ? extensionSecret(before.extension, body.password) : {}),
        ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
        ...(body.permission !== undefined ? { permission: body.permission } : {}),
        ...(body.userId !== undefined ? { user_id: body.userId } : {}),
      };
    },
    // The SIP password is stored as HA1 only and never returned; the audit says only that it changed.
    secrets: ['password'],
    guardDelete: async (db, extension) => {
      const dids = await didsReaching(db, extension);
      if (dids.length > 0) {
        throw new HotlineError(
          ErrorCode.Conflict,
          `extension ${extension} is a target of DID ${dids.join(', ')}: change the DID first`,
        );
      }
    },
  });
}
