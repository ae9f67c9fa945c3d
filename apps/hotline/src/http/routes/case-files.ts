import { join } from 'node:path';
import {
  type CaseFile,
  type CasesTables,
  canView,
  classifyFile,
  FILE_HEAD_BYTES,
  fileTypeFor,
  findCaseFile,
  insertCaseFile,
} from '@hotline/cases';
import {
  CaseFileDownloadQuery,
  CaseFileLimitsResponse,
  CaseFileParams,
  CaseFileUploadQuery,
  CaseFileUploadResponse,
  type CaseFileView,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type Kysely, writeAudit } from '@hotline/store';
import { defineRoute } from '../define-route.ts';
import { CaseFileStorage } from './case-files-storage.ts';
import { actorOf } from './cases.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';

/** Who may upload: the roles that register cases and the departments that reply. */
export const UPLOAD_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'department'];
const VIEW_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];

const view = (f: CaseFile): CaseFileView => ({
  id: f.id,
  name: f.name,
  size: f.size,
  contentType: f.contentType,
  sha256: f.sha256,
  uploadedAt: new Date(f.uploadedAt).toISOString(),
});

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` — RFC 6266, safe for Chinese names. */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Case attachments: upload (the raw file as the request body, its type in Content-Type, its name in
 * `?name=`), and download of a file of a case the caller can see (the same rule as
 * `GET /api/v1/cases/:id`) — an upload not yet attached to a case only by its uploader. Both audited.
 */
export const caseFileRoutes: RouteModule = (app, table, deps) => {
  const repo = casesRepository(deps);
  const storage = new CaseFileStorage(join(deps.config.dataDir, 'files'));
  const db = () => deps.store.db.withTables<CasesTables>() as unknown as Kysely<CasesTables>;

  // The upload route gets its own context: no JSON/text parsers, the body stays a stream that the
  // storage counts against the configured limit (the server-wide 2 MB body limit is for JSON).
  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    defineRoute(child, table, {
      method: 'POST',
      url: '/api/v1/files',
      summary: 'Upload a file to attach to a case (raw body; Content-Type and ?name=; limit HOTLINE_CASE_FILE_MAX_MB)',
      tags: ['cases'],
      access: UPLOAD_ROLES,
      query: CaseFileUploadQuery,
      response: CaseFileUploadResponse,
      status: 201,
      handler: async ({ req, query, auth, meta }) => {
        const maxBytes = Math.floor(deps.config.caseFileMaxMb * 1024 * 1024);
        const declared = String(req.headers['content-type'] ?? '');
        const length = Number(req.headers['content-length'] ?? Number.NaN);
        if (Number.isFinite(length) && length > maxBytes) {
          throw new HotlineError(ErrorCode.PayloadTooLarge, `file larger than ${deps.config.caseFileMaxMb} MB`, {
            maxBytes,
          });
        }
        const claimed = fileTypeFor(declared, query.name);
        if ('ok' in claimed)
          throw new HotlineError(ErrorCode.ValidationFailed, claimed.message, { reason: claimed.code });
        let accepted: { contentType: string; name: string } | null = null;
        const stored = await storage.write(req.raw, {
          maxBytes,
          headBytes: FILE_HEAD_BYTES,
          accept: (f) => {
            const v = classifyFile({ declaredType: declared, name: query.name, head: f.head, size: f.size });
            if (!v.ok) return new HotlineError(ErrorCode.ValidationFailed, v.message, { reason: v.code });
            accepted = v;
            return null;
          },
        });
        const ok = accepted as { contentType: string; name: string } | null;
        if (!ok) throw new HotlineError(ErrorCode.Internal, 'upload not classified');
        const user = auth!.user;
        const file: CaseFile = {
          id: newId(),
          sha256: stored.sha256,
          size: stored.size,
          contentType: ok.contentType,
          name: ok.name,
          storageKey: stored.key,
          uploadedBy: user.id,
          uploadedAt: deps.clock.now(),
          caseId: null,
        };
        await deps.store.transaction(async (trx) => {
          await insertCaseFile(trx.withTables<CasesTables>() as unknown as Kysely<CasesTables>, file);
          await writeAudit(trx, {
            actorId: user.id,
            actorName: user.username,
            action: 'case_file.upload',
            targetType: 'case_file',
            targetId: file.id,
            ip: meta.ip,
            userAgent: meta.userAgent,
            details: { name: file.name, size: file.size, contentType: file.contentType, sha256: file.sha256 },
          });
        });
        return { file: view(file) };
      },
    });
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/files/limits',
    summary: 'The largest file an upload may be (HOTLINE_CASE_FILE_MAX_MB), for the upload control',
    tags: ['cases'],
    access: UPLOAD_ROLES,
    response: CaseFileLimitsResponse,
    handler: async () => ({
      maxBytes: Math.floor(deps.config.caseFileMaxMb * 1024 * 1024),
      maxMb: deps.config.caseFileMaxMb,
    }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/files/:id',
    summary: "Download a case's file (only for users who can see the case; an unattached upload only for its uploader)",
    tags: ['cases'],
    access: VIEW_ROLES,
    params: CaseFileParams,
    query: CaseFileDownloadQuery,
    raw: true,
    handler: async ({ params, query, auth, meta, reply }) => {
      const actor = actorOf(auth);
      const missing = new HotlineError(ErrorCode.NotFound, 'file not found');
      const f = await findCaseFile(db(), params.id);
      if (!f) throw missing;
      // A file outside the caller's view is reported as missing, like its case.
      if (f.caseId === null) {
        if (f.uploadedBy !== actor.id) throw missing;
      } else {
        const s = await repo.get(f.caseId);
        if (!s || !canView(actor, s)) throw missing;
      }
      const opened = await storage.open(f.storageKey);
      if (!opened) throw new HotlineError(ErrorCode.NotFound, 'file content missing');
      const inline = query.inline === '1' && f.contentType.startsWith('image/');
      await writeAudit(deps.store.db, {
        actorId: actor.id,
        actorName: auth?.user.username ?? null,
        action: inline ? 'case_file.view' : 'case_file.download',
        targetType: 'case_file',
        targetId: f.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { caseId: f.caseId, name: f.name, sha256: f.sha256 },
      });
      return reply
        .code(200)
        .header('content-type', f.contentType)
        .header('content-length', String(opened.size))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', f.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
        .send(opened.stream);
    },
  });
};
