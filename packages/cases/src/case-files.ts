import { ErrorCode, HotlineError } from '@hotline/core';
import type { Kysely } from '@hotline/store';
import type { Actor } from './actor.ts';
import { MAX_ATTACHMENTS } from './case-attachments.ts';
import type { Attachment, AttachmentInput } from './case-model.ts';
import type { CaseFilesTable, CasesTables } from './store-schema.ts';

/** An uploaded file (migration 0104). */
export interface CaseFile {
  id: string;
  sha256: string;
  size: number;
  contentType: string;
  name: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: number;
  caseId: string | null;
}

type Db = Kysely<CasesTables>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function caseFileFromRow(r: CaseFilesTable): CaseFile {
  return {
    id: r.id,
    sha256: r.sha256,
    size: Number(r.size),
    contentType: r.content_type,
    name: r.name,
    storageKey: r.storage_key,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(r.uploaded_at).getTime(),
    caseId: r.case_id,
  };
}

export async function insertCaseFile(db: Db, f: Omit<CaseFile, 'caseId'>): Promise<void> {
  await db
    .insertInto('case_files')
    .values({
      id: f.id,
      sha256: f.sha256,
      size: f.size,
      content_type: f.contentType,
      name: f.name,
      storage_key: f.storageKey,
      uploaded_by: f.uploadedBy,
      uploaded_at: new Date(f.uploadedAt),
      case_id: null,
      bound_at: null,
    })
    .execute();
}

export async function findCaseFile(db: Db, id: string): Promise<CaseFile | null> {
  if (!UUID.test(id)) return null;
  const row = await db.selectFrom('case_files').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? caseFileFromRow(row) : null;
}

/** Whether a file is an image the kind of an attachment should say so. */
const kindOf = (contentType: string): Attachment['kind'] => (contentType.startsWith('image/') ? 'image' : 'file');

/**
 * Turns a command's attachment inputs into attachments: every `{ fileId }` must name an upload of
 * the acting user that is not bound to another case; the file's own name, size and type are used.
 * Links pass through (the decision checks them). Locks the file rows, so run it inside the
 * transaction that then binds them with `bindCaseFiles`. Throws a `validation_failed` error.
 */
export async function resolveAttachments(
  db: Db,
  inputs: readonly AttachmentInput[] | undefined,
  actor: Actor,
  caseId: string,
): Promise<Attachment[]> {
  const list = inputs ?? [];
  if (!Array.isArray(list) || list.length > MAX_ATTACHMENTS) {
    throw new HotlineError(ErrorCode.ValidationFailed, `attachments: at most ${MAX_ATTACHMENTS}`);
  }
  const ids = list.flatMap((a) => (a && typeof a === 'object' && 'fileId' in a ? [a.fileId] : []));
  if (ids.length === 0) return list as Attachment[];
  const bad = (message: string, fileId: string) =>
    new HotlineError(ErrorCode.ValidationFailed, `attachments: ${message}`, { fileId });
  for (const id of ids)
    if (typeof id !== 'string' || !UUID.test(id)) throw bad(`no uploaded file ${String(id)}`, String(id));
  if (new Set(ids).size !== ids.length) throw bad('a file is attached twice', ids[0]!);
  const rows = await db.selectFrom('case_files').selectAll().where('id', 'in', ids).forUpdate().execute();
  const byId = new Map(rows.map((r) => [r.id, caseFileFromRow(r)]));
  return list.map((a) => {
    if (!('fileId' in a)) return a;
    const f = byId.get(a.fileId);
    if (!f) throw bad(`no uploaded file ${a.fileId}`, a.fileId);
    if (f.uploadedBy !== actor.id) throw bad(`file ${a.fileId} was uploaded by someone else`, a.fileId);
    if (f.caseId !== null && f.caseId !== caseId) throw bad(`file ${a.fileId} belongs to another case`, a.fileId);
    return { kind: kindOf(f.contentType), name: f.name, fileId: f.id, size: f.size, contentType: f.contentType };
  });
}

/** Binds resolved uploads to the case (files already on it stay as they are); same transaction as the command. */
export async function bindCaseFiles(db: Db, attachments: readonly Attachment[], caseId: string, now: number) {
  const ids = attachments.flatMap((a) => (a.fileId ? [a.fileId] : []));
  if (ids.length === 0) return;
  await db
    .updateTable('case_files')
    .set({ case_id: caseId, bound_at: new Date(now) })
    .where('id', 'in', ids)
    .where('case_id', 'is', null)
    .execute();
  const bound = await db
    .selectFrom('case_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  if (Number(bound.n) !== ids.length) {
    throw new HotlineError(ErrorCode.Conflict, 'attachments: a file was bound to another case meanwhile');
  }
}
