import type { Store } from '@hotline/store';
import { normalizePhone } from '../phone/normalize-phone.ts';
import { crmDb } from './customer-repository.ts';

/** 客户联络历史: one row per contact on any channel, linked to the call/case/message it records. */
export type ContactChannel = 'call' | 'case' | 'sms' | 'email' | 'chat' | 'wechat' | 'visit';

export interface ContactInput {
  customerId?: string | null;
  number?: string | null;
  channel: ContactChannel;
  direction: 'in' | 'out' | 'internal';
  refType?: string | null;
  refId?: string | null;
  summary?: string;
  at?: Date;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

export interface Contact {
  id: string;
  customerId: string | null;
  phoneKey: string | null;
  channel: ContactChannel;
  direction: string;
  refType: string | null;
  refId: string | null;
  summary: string;
  at: Date;
  data: unknown;
}

export async function recordContact(store: Pick<Store, 'db'>, c: ContactInput): Promise<void> {
  const n = c.number ? normalizePhone(c.number) : null;
  await crmDb(store.db)
    .insertInto('crm_contacts')
    .values({
      customer_id: c.customerId ?? null,
      phone_key: n?.ok ? n.key : null,
      channel: c.channel,
      direction: c.direction,
      ref_type: c.refType ?? null,
      ref_id: c.refId ?? null,
      summary: c.summary ?? '',
      at: c.at ?? new Date(),
      actor_id: c.actorId ?? null,
      data: JSON.stringify(c.data ?? {}),
    })
    .execute();
}

/** Timeline newest first, for a customer (all their numbers too) or for a bare number. */
export async function contactTimeline(
  store: Pick<Store, 'db'>,
  who: { customerId?: string; phoneKeys?: string[] },
  limit = 50,
): Promise<Contact[]> {
  const keys = who.phoneKeys ?? [];
  if (!who.customerId && keys.length === 0) return [];
  const rows = await crmDb(store.db)
    .selectFrom('crm_contacts')
    .selectAll()
    .where((eb) => {
      const ors = [];
      if (who.customerId) ors.push(eb('customer_id', '=', who.customerId));
      if (keys.length > 0) ors.push(eb('phone_key', 'in', keys));
      return eb.or(ors);
    })
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(500, limit))
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    customerId: r.customer_id,
    phoneKey: r.phone_key,
    channel: r.channel as ContactChannel,
    direction: r.direction,
    refType: r.ref_type,
    refId: r.ref_id,
    summary: r.summary,
    at: r.at,
    data: r.data,
  }));
}
