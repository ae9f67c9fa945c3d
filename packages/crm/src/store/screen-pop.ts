import type { Store } from '@hotline/store';
import { type NormalizeOptions, normalizePhone } from '../phone/normalize-phone.ts';
import { type CallerRegion, callerRegion, mobileCarrier } from '../region/caller-region.ts';
import { type Account, accountsOf } from './accounts.ts';
import { type CallerStatus, callerStatus } from './caller-lists.ts';
import { type Contact, contactTimeline } from './contact-history.ts';
import { type Customer, crmDb, loadCustomers } from './customer-repository.ts';

/** 来电弹屏: everything the agent sees when a call is offered. */
export interface ScreenPop {
  phone: { key: string; display: string; kind: string } | null;
  region: CallerRegion | null;
  carrier: string | null;
  customers: Array<Customer & { accounts: Account[] }>;
  /** Previous repairs, complaints, consultations … newest first. */
  recent: Contact[];
  lists: CallerStatus;
}

/** Most customers shown for one number (a shared office line can belong to many). */
export const MAX_POP_CUSTOMERS = 5;
export const RECENT_CONTACTS = 10;

async function assemble(
  store: Store,
  customerIds: string[],
  phoneKeys: string[],
): Promise<Pick<ScreenPop, 'customers' | 'recent'>> {
  const db = crmDb(store.db);
  const [customers, accounts] = await Promise.all([loadCustomers(db, customerIds), accountsOf(store, customerIds)]);
  const keys = new Set(phoneKeys);
  for (const c of customers) for (const p of c.phones) keys.add(p.key);
  const recent =
    customerIds.length === 1
      ? await contactTimeline(store, { customerId: customerIds[0]!, phoneKeys: [...keys] }, RECENT_CONTACTS)
      : await contactTimeline(store, { phoneKeys: [...keys] }, RECENT_CONTACTS);
  return {
    customers: customers.map((c) => ({ ...c, accounts: accounts.filter((a) => a.customerId === c.id) })),
    recent,
  };
}

/** Screen pop by caller number (any presentation: +86, 0086, 0-prefixed, SIP URI …). */
export async function lookupByPhone(store: Store, number: string, opts: NormalizeOptions = {}): Promise<ScreenPop> {
  const n = normalizePhone(number, opts);
  if (!n.ok) {
    return {
      phone: null,
      region: null,
      carrier: null,
      customers: [],
      recent: [],
      lists: { phoneKey: null, black: null, white: null, vip: null },
    };
  }
  const rows = await crmDb(store.db)
    .selectFrom('crm_phones')
    .select('customer_id')
    .where('phone_key', '=', n.key)
    .limit(MAX_POP_CUSTOMERS)
    .execute();
  const [parts, lists] = await Promise.all([
    assemble(
      store,
      rows.map((r) => r.customer_id),
      [n.key],
    ),
    callerStatus(store, n.key),
  ]);
  return {
    phone: { key: n.key, display: n.display, kind: n.kind },
    region: callerRegion(n),
    carrier: n.kind === 'mobile' ? mobileCarrier(n.national) : null,
    ...parts,
    lists,
  };
}

/** Screen pop by an account number the caller entered in the IVR. */
export async function lookupByAccount(
  store: Store,
  accountNumber: string,
  schemaId?: string,
): Promise<ScreenPop | null> {
  const num = typeof accountNumber === 'string' ? accountNumber.trim() : '';
  if (num === '' || num.length > 64) return null;
  let q = crmDb(store.db).selectFrom('crm_accounts').select('customer_id').where('account_number', '=', num);
  if (schemaId) q = q.where('schema_id', '=', schemaId);
  const rows = await q.limit(MAX_POP_CUSTOMERS).execute();
  if (rows.length === 0) return null;
  const parts = await assemble(
    store,
    rows.map((r) => r.customer_id),
    [],
  );
  return {
    phone: null,
    region: null,
    carrier: null,
    ...parts,
    lists: { phoneKey: null, black: null, white: null, vip: null },
  };
}
