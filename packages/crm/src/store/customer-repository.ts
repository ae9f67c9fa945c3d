import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { appendEvent, type Kysely, type Store, sql, writeAudit } from '@hotline/store';
import { isValidCreditCode, isValidResidentId } from '../import/id-number.ts';
import { normalizePhone } from '../phone/normalize-phone.ts';
import { callerRegion } from '../region/caller-region.ts';
import type { CrmTables } from './crm-tables.ts';

export type CustomerKind = 'person' | 'organization';

export interface PhoneInput {
  number: string;
  label?: string | null;
}

export interface CustomerInput {
  kind: CustomerKind;
  name: string;
  idNumber?: string | null;
  address?: string | null;
  email?: string | null;
  notes?: string | null;
  phones?: PhoneInput[];
}

export interface CustomerPhone {
  key: string;
  raw: string;
  label: string | null;
  region: string | null;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  idNumber: string | null;
  address: string | null;
  email: string | null;
  notes: string | null;
  phones: CustomerPhone[];
  createdAt: Date;
  updatedAt: Date;
}

export interface CrmOptions {
  /** Area code (no 0) for local numbers without one, e.g. '571'. */
  defaultAreaCode?: string;
}

export function crmDb(db: Pick<Store, 'db'>['db'] | Kysely<never>): Kysely<CrmTables> {
  return (db as Store['db']).withTables<CrmTables>() as unknown as Kysely<CrmTables>;
}

/** Validates a customer; returns the normalised phones or the problems (used by import too). */
export function checkCustomer(
  input: CustomerInput,
  opts: CrmOptions = {},
): { ok: true; phones: CustomerPhone[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (input.kind !== 'person' && input.kind !== 'organization') problems.push('kind must be person or organization');
  if (typeof input.name !== 'string' || input.name.trim() === '') problems.push('name is required');
  else if (input.name.length > 200) problems.push('name too long');
  if (input.idNumber) {
    const ok = input.kind === 'organization' ? isValidCreditCode(input.idNumber) : isValidResidentId(input.idNumber);
    if (!ok) problems.push(`invalid ${input.kind === 'organization' ? 'credit code' : 'ID number'} ${input.idNumber}`);
  }
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) problems.push(`invalid email ${input.email}`);
  const phones: CustomerPhone[] = [];
  for (const p of input.phones ?? []) {
    const n = normalizePhone(p.number, opts);
    if (!n.ok) {
      problems.push(`invalid phone ${p.number} (${n.reason})`);
      continue;
    }
    if (phones.some((x) => x.key === n.key)) continue;
    phones.push({ key: n.key, raw: p.number, label: p.label ?? null, region: callerRegion(n)?.label ?? null });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, phones };
}

type CustomerRow = CrmTables['crm_customers'] & { created_at: Date; updated_at: Date };

export async function loadCustomers(db: Kysely<CrmTables>, ids: string[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const rows = (await db.selectFrom('crm_customers').selectAll().where('id', 'in', ids).execute()) as CustomerRow[];
  const phones = await db.selectFrom('crm_phones').selectAll().where('customer_id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is CustomerRow => r !== undefined)
    .map((r) => ({
      id: r.id,
      kind: r.kind as CustomerKind,
      name: r.name,
      idNumber: r.id_number,
      address: r.address,
      email: r.email,
      notes: r.notes,
      phones: phones
        .filter((p) => p.customer_id === r.id)
        .map((p) => ({ key: p.phone_key, raw: p.raw, label: p.label, region: p.region })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
}

export class CustomerRepository {
  readonly #store: Store;
  readonly #opts: CrmOptions;
  constructor(store: Store, opts: CrmOptions = {}) {
    this.#store = store;
    this.#opts = opts;
  }

  async get(id: string): Promise<Customer> {
    const [c] = await loadCustomers(crmDb(this.#store.db), [id]);
    if (!c) throw new HotlineError(ErrorCode.NotFound, `customer ${id} not found`);
    return c;
  }

  async create(input: CustomerInput, actorId: string | null = null): Promise<Customer> {
    const check = checkCustomer(input, this.#opts);
    if (!check.ok)
      throw new HotlineError(ErrorCode.ValidationFailed, check.problems.join('; '), { problems: check.problems });
    const id = newId();
    await this.#store.transaction(async (trx) => {
      const db = crmDb(trx);
      await db
        .insertInto('crm_customers')
        .values({
          id,
          kind: input.kind,
          name: input.name.trim(),
          id_number: input.idNumber || null,
          address: input.address ?? null,
          email: input.email ?? null,
          notes: input.notes ?? null,
          attributes: '{}',
        })
        .execute();
      if (check.phones.length > 0) {
        await db
          .insertInto('crm_phones')
          .values(
            check.phones.map((p) => ({
              customer_id: id,
              phone_key: p.key,
              raw: p.raw,
              label: p.label,
              region: p.region,
            })),
          )
          .execute();
      }
      await appendEvent(trx, {
        stream: 'crm_customer',
        streamId: id,
        type: 'crm.customer.created',
        data: { name: input.name },
        actorId,
      });
    });
    return this.get(id);
  }

  async update(id: string, input: CustomerInput, actorId: string | null = null): Promise<Customer> {
    const check = checkCustomer(input, this.#opts);
    if (!check.ok)
      throw new HotlineError(ErrorCode.ValidationFailed, check.problems.join('; '), { problems: check.problems });
    const before = await this.get(id);
    await this.#store.transaction(async (trx) => {
      const db = crmDb(trx);
      await db
        .updateTable('crm_customers')
        .set({
          kind: input.kind,
          name: input.name.trim(),
          id_number: input.idNumber || null,
          address: input.address ?? null,
          email: input.email ?? null,
          notes: input.notes ?? null,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute();
      await db.deleteFrom('crm_phones').where('customer_id', '=', id).execute();
      if (check.phones.length > 0) {
        await db
          .insertInto('crm_phones')
          .values(
            check.phones.map((p) => ({
              customer_id: id,
              phone_key: p.key,
              raw: p.raw,
              label: p.label,
              region: p.region,
            })),
          )
          .execute();
      }
      await appendEvent(trx, { stream: 'crm_customer', streamId: id, type: 'crm.customer.updated', data: {}, actorId });
      await writeAudit(trx, {
        actorId,
        action: 'crm.customer.update',
        targetType: 'customer',
        targetId: id,
        before: { name: before.name, phones: before.phones.map((p) => p.key), idNumber: before.idNumber },
        after: { name: input.name, phones: check.phones.map((p) => p.key), idNumber: input.idNumber ?? null },
      });
    });
    return this.get(id);
  }

  async delete(id: string, actorId: string | null = null): Promise<void> {
    const before = await this.get(id);
    await this.#store.transaction(async (trx) => {
      await crmDb(trx).deleteFrom('crm_customers').where('id', '=', id).execute();
      await writeAudit(trx, {
        actorId,
        action: 'crm.customer.delete',
        targetType: 'customer',
        targetId: id,
        before: { name: before.name },
      });
    });
  }

  /** Search by name (fuzzy), phone, account number or ID number; at most `limit` customers. */
  async search(text: string, limit = 20): Promise<Customer[]> {
    const q = typeof text === 'string' ? text.trim().slice(0, 100) : '';
    if (q === '') return [];
    const db = crmDb(this.#store.db);
    const ids = new Set<string>();
    const phone = normalizePhone(q, this.#opts);
    if (phone.ok) {
      for (const r of await db
        .selectFrom('crm_phones')
        .select('customer_id')
        .where('phone_key', '=', phone.key)
        .limit(limit)
        .execute()) {
        ids.add(r.customer_id);
      }
    }
    for (const r of await db
      .selectFrom('crm_accounts')
      .select('customer_id')
      .where('account_number', '=', q)
      .limit(limit)
      .execute()) {
      ids.add(r.customer_id);
    }
    for (const r of await db
      .selectFrom('crm_customers')
      .select('id')
      .where('id_number', '=', q.toUpperCase())
      .limit(limit)
      .execute()) {
      ids.add(r.id);
    }
    if (ids.size < limit) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await sql<{ id: string }>`
        select id from crm_customers
        where name like ${like} or (length(${q}) >= 3 and name % ${q})
        order by similarity(name, ${q}) desc, name
        limit ${limit}
      `.execute(this.#store.db);
      for (const r of rows) ids.add(r.id);
    }
    return loadCustomers(db, [...ids].slice(0, limit));
  }
}
