import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type Store, sql } from '@hotline/store';
import { type AccountData, type AccountSchema, validateAccountData } from './account-schema.ts';
import { crmDb } from './customer-repository.ts';

export interface Account {
  id: string;
  customerId: string;
  schemaId: string;
  accountNumber: string;
  data: AccountData;
  status: string;
  updatedAt: Date;
}

export async function saveAccountSchema(store: Pick<Store, 'db'>, schema: AccountSchema): Promise<void> {
  await crmDb(store.db)
    .insertInto('crm_account_schemas')
    .values({ id: schema.id, name: schema.name, fields: JSON.stringify(schema.fields) })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ name: schema.name, fields: JSON.stringify(schema.fields), updated_at: sql<Date>`now()` }),
    )
    .execute();
}

export async function getAccountSchema(store: Pick<Store, 'db'>, id: string): Promise<AccountSchema | null> {
  const r = await crmDb(store.db).selectFrom('crm_account_schemas').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const fields = typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields;
  return { id: r.id, name: r.name, fields: fields as AccountSchema['fields'] };
}

function toAccount(r: {
  id: string;
  customer_id: string;
  schema_id: string;
  account_number: string;
  data: unknown;
  status: string;
  updated_at: Date;
}): Account {
  return {
    id: r.id,
    customerId: r.customer_id,
    schemaId: r.schema_id,
    accountNumber: r.account_number,
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as AccountData,
    status: r.status,
    updatedAt: r.updated_at,
  };
}

/** Creates or changes an account; every change is kept in crm_account_history with before/after. */
export async function saveAccount(
  store: Store,
  input: {
    customerId: string;
    schemaId: string;
    accountNumber: string;
    data: Record<string, unknown>;
    reason?: string | null;
  },
  actorId: string | null = null,
): Promise<Account> {
  const schema = await getAccountSchema(store, input.schemaId);
  if (!schema) throw new HotlineError(ErrorCode.ValidationFailed, `unknown account schema ${input.schemaId}`);
  const number = String(input.accountNumber ?? '').trim();
  if (number === '' || number.length > 64)
    throw new HotlineError(ErrorCode.ValidationFailed, 'account number required (≤ 64 chars)');
  const v = validateAccountData(schema, input.data);
  if (!v.ok) throw new HotlineError(ErrorCode.ValidationFailed, v.problems.join('; '), { problems: v.problems });
  let id = '';
  await store.transaction(async (trx) => {
    const db = crmDb(trx);
    const cur = await db
      .selectFrom('crm_accounts')
      .selectAll()
      .where('schema_id', '=', schema.id)
      .where('account_number', '=', number)
      .forUpdate()
      .executeTakeFirst();
    if (cur && cur.customer_id !== input.customerId) {
      throw new HotlineError(ErrorCode.Conflict, `account ${number} belongs to another customer`);
    }
    id = cur?.id ?? newId();
    if (cur) {
      await db
        .updateTable('crm_accounts')
        .set({ data: JSON.stringify(v.data), updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    } else {
      await db
        .insertInto('crm_accounts')
        .values({
          id,
          customer_id: input.customerId,
          schema_id: schema.id,
          account_number: number,
          data: JSON.stringify(v.data),
        })
        .execute();
    }
    await db
      .insertInto('crm_account_history')
      .values({
        account_id: id,
        actor_id: actorId,
        before: cur ? JSON.stringify(toAccount(cur).data) : null,
        after: JSON.stringify(v.data),
        reason: input.reason ?? null,
      })
      .execute();
  });
  const row = await crmDb(store.db)
    .selectFrom('crm_accounts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function accountsOf(store: Pick<Store, 'db'>, customerIds: string[]): Promise<Account[]> {
  if (customerIds.length === 0) return [];
  const rows = await crmDb(store.db)
    .selectFrom('crm_accounts')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .execute();
  return rows.map(toAccount);
}

export async function accountHistory(
  store: Pick<Store, 'db'>,
  accountId: string,
): Promise<Array<{ at: Date; actorId: string | null; before: unknown; after: unknown; reason: string | null }>> {
  const rows = await crmDb(store.db)
    .selectFrom('crm_account_history')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ at: r.at, actorId: r.actor_id, before: r.before, after: r.after, reason: r.reason }));
}
