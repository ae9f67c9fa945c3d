import { type Store, writeAudit } from '@hotline/store';
import { type CaseFile, caseFileFromRow } from './case-files.ts';
import type { CasesDb } from './case-repository.ts';

/** Uploads one expiry pass deletes at most (the next pass takes the rest). */
export const EXPIRY_BATCH = 500;

export interface ExpiredUploads {
  /** The upload rows deleted (each with its audit row). */
  deleted: CaseFile[];
  /** Storage keys no remaining row references: their bytes may go from the disk. */
  unreferencedKeys: string[];
}

/**
 * Deletes uploads never bound to a case (a form abandoned after uploading) that were uploaded
 * before `cutoff` — the rows and one `case_file.expire` audit row each, one transaction. The rows
 * are locked and re-checked by the delete itself (`case_id is null`), so a register or reply
 * binding one of them at the same moment either wins (the row is kept) or finds it gone (refused).
 * Identical content is stored once: a key is reported unreferenced only when no row at all still
 * names it. Removing those files is the caller's part (it owns the disk).
 */
export async function expireUnboundUploads(store: Store, cutoff: number): Promise<ExpiredUploads> {
  return store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    const rows = await db
      .deleteFrom('case_files')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('case_files')
          .select('id')
          .where('case_id', 'is', null)
          .where('uploaded_at', '<', new Date(cutoff))
          .orderBy('uploaded_at')
          .limit(EXPIRY_BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .where('case_id', 'is', null)
      .returningAll()
      .execute();
    const deleted = rows.map(caseFileFromRow);
    for (const f of deleted) {
      await writeAudit(trx, {
        actorName: 'system',
        action: 'case_file.expire',
        targetType: 'case_file',
        targetId: f.id,
        before: { name: f.name, size: f.size, contentType: f.contentType, sha256: f.sha256, uploadedBy: f.uploadedBy },
        details: { uploadedAt: new Date(f.uploadedAt).toISOString(), cutoff: new Date(cutoff).toISOString() },
      });
    }
    const keys = [...new Set(deleted.map((f) => f.storageKey))];
    if (keys.length === 0) return { deleted, unreferencedKeys: [] };
    const still = await db.selectFrom('case_files').select('storage_key').where('storage_key', 'in', keys).execute();
    const kept = new Set(still.map((r) => r.storage_key));
    return { deleted, unreferencedKeys: keys.filter((k) => !kept.has(k)) };
  });
}
