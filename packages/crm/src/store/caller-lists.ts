import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type Store, writeAudit } from '@hotline/store';
import { normalizePhone } from '../phone/normalize-phone.ts';
import { crmDb } from './customer-repository.ts';

/**
 * Caller lists used by the ACD and IVR: 黑名单 (black: reject, hang up or warn, and log),
 * 白名单 (white: straight to a human), VIP (priority or special handling). Each entry has a reason,
 * an optional expiry, and every change is audited.
 */
export type CallerList = 'black' | 'white' | 'vip';
export type ListAction = 'reject' | 'hangup' | 'warn' | 'priority' | 'direct';

export interface ListEntry {
  id: string;
  list: CallerList;
  phoneKey: string;
  customerId: string | null;
  reason: string;
  action: ListAction | null;
  priority: number;
  expiresAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface ListInput {
  list: CallerList;
  number: string;
  reason: string;
  action?: ListAction | null;
  priority?: number;
  expiresAt?: Date | null;
  customerId?: string | null;
}

/** What the ACD needs to know about a caller right now. */
export interface CallerStatus {
  phoneKey: string | null;
  black: ListEntry | null;
  white: ListEntry | null;
  vip: ListEntry | null;
}

const DEFAULT_ACTION: Record<CallerList, ListAction> = { black: 'warn', white: 'direct', vip: 'priority' };

function toEntry(r: {
  id: string;
  list: string;
  phone_key: string;
  customer_id: string | null;
  reason: string;
  action: string | null;
  priority: number;
  expires_at: Date | null;
  created_by: string | null;
  created_at: Date;
}): ListEntry {
  return {
    id: r.id,
    list: r.list as CallerList,
    phoneKey: r.phone_key,
    customerId: r.customer_id,
    reason: r.reason,
    action: r.action as ListAction | null,
    priority: r.priority,
    expiresAt: r.expires_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function addListEntry(store: Store, input: ListInput, actorId: string | null = null): Promise<ListEntry> {
  const n = normalizePhone(input.number);
  if (!n.ok) throw new HotlineError(ErrorCode.ValidationFailed, `invalid phone ${input.number} (${n.reason})`);
  if (!['black', 'white', 'vip'].includes(input.list))
    throw new HotlineError(ErrorCode.ValidationFailed, 'unknown list');
  if (!input.reason || input.reason.trim() === '')
    throw new HotlineError(ErrorCode.ValidationFailed, 'a reason is required');
  const id = newId();
  await store.transaction(async (trx) => {
    const db = crmDb(trx);
    const existing = await db
      .selectFrom('crm_list_entries')
      .select('id')
      .where('list', '=', input.list)
      .where('phone_key', '=', n.key)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (existing) throw new HotlineError(ErrorCode.Conflict, `${n.key} is already on the ${input.list} list`);
    await db
      .insertInto('crm_list_entries')
      .values({
        id,
        list: input.list,
        phone_key: n.key,
        customer_id: input.customerId ?? null,
        reason: input.reason.trim(),
        action: input.action ?? DEFAULT_ACTION[input.list],
        priority: input.priority ?? 0,
        expires_at: input.expiresAt ?? null,
        created_by: actorId,
        removed_at: null,
        removed_by: null,
        removed_reason: null,
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      action: `crm.list.${input.list}.add`,
      targetType: 'phone',
      targetId: n.key,
      after: {
        reason: input.reason,
        action: input.action ?? DEFAULT_ACTION[input.list],
        expiresAt: input.expiresAt ?? null,
      },
    });
  });
  const row = await crmDb(store.db)
    .selectFrom('crm_list_entries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toEntry(row);
}

export async function removeListEntry(
  store: Store,
  id: string,
  reason: string,
  actorId: string | null = null,
): Promise<void> {
  await store.transaction(async (trx) => {
    const db = crmDb(trx);
    const row = await db
      .selectFrom('crm_list_entries')
      .selectAll()
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new HotlineError(ErrorCode.NotFound, `list entry ${id} not found`);
    await db
      .updateTable('crm_list_entries')
      .set({ removed_at: new Date(), removed_by: actorId, removed_reason: reason })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      actorId,
      action: `crm.list.${row.list}.remove`,
      targetType: 'phone',
      targetId: row.phone_key,
      before: { reason: row.reason },
      details: { reason },
    });
  });
}

export async function listEntries(store: Store, list: CallerList, at: Date = new Date()): Promise<ListEntry[]> {
  const rows = await crmDb(store.db)
    .selectFrom('crm_list_entries')
    .selectAll()
    .where('list', '=', list)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toEntry);
}

/** The caller's list status at `at` (expired and removed entries do not count). */
export async function callerStatus(store: Store, number: string, at: Date = new Date()): Promise<CallerStatus> {
  const n = normalizePhone(number);
  const status: CallerStatus = { phoneKey: n.ok ? n.key : null, black: null, white: null, vip: null };
  if (!n.ok) return status;
  const rows = await crmDb(store.db)
    .selectFrom('crm_list_entries')
    .selectAll()
    .where('phone_key', '=', n.key)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
  for (const r of rows) status[r.list as CallerList] = toEntry(r);
  return status;
}
