import { newId } from '@hotline/core';
import { type Store, writeAudit } from '@hotline/store';
import { type ImportReport, validateImport } from '../import/customer-import.ts';
import { getAccountSchema } from './accounts.ts';
import { type CrmOptions, crmDb } from './customer-repository.ts';

/** Rows per multi-VALUES insert. */
export const IMPORT_BATCH = 500;

/**
 * Validates the whole sheet, then — only if every row is good — inserts all customers, phones and
 * accounts in one transaction. A report with problems changes nothing.
 */
export async function importCustomers(
  store: Store,
  sheet: string[][],
  opts: CrmOptions & { schemaId?: string | null; actorId?: string | null; fileName?: string } = {},
): Promise<ImportReport & { imported: number }> {
  const schema = opts.schemaId ? await getAccountSchema(store, opts.schemaId) : null;
  if (opts.schemaId && !schema) {
    return {
      ok: false,
      total: 0,
      valid: 0,
      rows: [],
      imported: 0,
      problems: [{ row: 1, column: null, message: `unknown account schema ${opts.schemaId}` }],
    };
  }
  const numbers = new Set<string>();
  const pre = validateImport(sheet, { ...opts, schema });
  for (const r of pre.rows) if (r.account) numbers.add(r.account.accountNumber);
  const existing = new Set<string>();
  if (schema && numbers.size > 0) {
    const list = [...numbers];
    for (let i = 0; i < list.length; i += 1000) {
      const rows = await crmDb(store.db)
        .selectFrom('crm_accounts')
        .select('account_number')
        .where('schema_id', '=', schema.id)
        .where('account_number', 'in', list.slice(i, i + 1000))
        .execute();
      for (const r of rows) existing.add(r.account_number);
    }
  }
  const report = existing.size > 0 ? validateImport(sheet, { ...opts, schema, existingAccounts: existing }) : pre;
  if (!report.ok) return { ...report, imported: 0 };
  await store.transaction(async (trx) => {
    const db = crmDb(trx);
    for (let i = 0; i < report.rows.length; i += IMPORT_BATCH) {
      const batch = report.rows.slice(i, i + IMPORT_BATCH).map((r) => ({ ...r, id: newId() }));
      await db
        .insertInto('crm_customers')
        .values(
          batch.map((r) => ({
            id: r.id,
            kind: r.customer.kind,
            name: r.customer.name.trim(),
            id_number: r.customer.idNumber ?? null,
            address: r.customer.address ?? null,
            email: r.customer.email ?? null,
            notes: r.customer.notes ?? null,
            attributes: '{}',
          })),
        )
        .execute();
      const phones = batch.flatMap((r) =>
        r.phones.map((p) => ({ customer_id: r.id, phone_key: p.key, raw: p.raw, label: p.label, region: p.region })),
      );
      if (phones.length > 0) await db.insertInto('crm_phones').values(phones).execute();
      const accounts = batch.filter((r) => r.account !== null);
      if (schema && accounts.length > 0) {
        const values = accounts.map((r) => ({
          id: newId(),
          customer_id: r.id,
          schema_id: schema.id,
          account_number: r.account!.accountNumber,
          data: JSON.stringify(r.account!.data),
        }));
        await db.insertInto('crm_accounts').values(values).execute();
        await db
          .insertInto('crm_account_history')
          .values(
            values.map((v) => ({
              account_id: v.id,
              actor_id: opts.actorId ?? null,
              before: null,
              after: v.data,
              reason: 'import',
            })),
          )
          .execute();
      }
    }
    await writeAudit(trx, {
      actorId: opts.actorId ?? null,
      action: 'crm.import',
      targetType: 'customers',
      details: { file: opts.fileName ?? null, rows: report.rows.length, schema: schema?.id ?? null },
    });
  });
  return { ...report, imported: report.rows.length };
}
