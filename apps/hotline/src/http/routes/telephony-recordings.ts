import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import {
  RecordingAudioQuery,
  RecordingGrantBody,
  RecordingGrantResponse,
  RecordingParams,
  RecordingQuery,
  RecordingResponse,
  RecordingsResponse,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { writeAudit } from '@hotline/store';
import { telephonyDb } from '../../switch/telephony-store.ts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';
import { recordingViews, searchRecordings, type TelephonyDb } from './telephony-recordings-query.ts';
import { DOWNLOAD_GRANT_MS, GrantSigner, PLAY_GRANT_MS, parseRange } from './telephony-recordings-range.ts';

/** Who may list, play and download recordings (requirements R2/R5). */
export const RECORDING_ROLES: readonly Role[] = ['admin', 'supervisor', 'qa'];

/** Whether `file` lies inside `dir` (after resolving `..`): the audio route serves nothing else. */
export function insideDir(dir: string, file: string): boolean {
  const d = resolve(dir);
  const f = resolve(d, file);
  return f.startsWith(d + sep);
}

function notFound(id: string): HotlineError {
  return new HotlineError(ErrorCode.NotFound, `no recording ${id}`);
}

/**
 * Recordings: search (agent/extension, number, date range, duration), detail, an audited grant per
 * play or download, and the audio itself with HTTP Range for the browser's player. The audio URL
 * only works with a grant issued to the same user, so nothing is played or downloaded without an
 * audit row; and every route is closed to roles other than admin, supervisor and qa.
 */
export const telephonyRecordingsRoutes: RouteModule = (app, table, { store, config, clock }) => {
  const db = telephonyDb(store) as unknown as TelephonyDb;
  const grants = new GrantSigner();

  const load = async (id: string) => {
    const row = await db.selectFrom('call_recordings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  };

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/recordings',
    summary: 'Search recordings by agent/extension, number, date range and duration, newest first',
    tags: ['telephony'],
    access: RECORDING_ROLES,
    query: RecordingQuery,
    response: RecordingsResponse,
    handler: async ({ query }) => searchRecordings(db, query),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/recordings/:id',
    summary: "A recording with its call's parties",
    tags: ['telephony'],
    access: RECORDING_ROLES,
    params: RecordingParams,
    response: RecordingResponse,
    handler: async ({ params }) => {
      const [recording] = await recordingViews(db, [await load(params.id)]);
      return { recording };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/telephony/recordings/:id/grant',
    summary: 'Play or download a recording: audited, returns a short-lived audio URL for this user',
    tags: ['telephony'],
    access: RECORDING_ROLES,
    params: RecordingParams,
    body: RecordingGrantBody,
    response: RecordingGrantResponse,
    handler: async ({ params, body, auth, meta }) => {
      const row = await load(params.id);
      const userId = auth?.user.id ?? '';
      const expiresAt = clock.now() + (body.purpose === 'play' ? PLAY_GRANT_MS : DOWNLOAD_GRANT_MS);
      await writeAudit(store.db, {
        action: `recording.${body.purpose}`,
        actorId: auth?.user.id,
        actorName: auth?.user.username,
        targetType: 'recording',
        targetId: row.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { startedAt: new Date(row.started_at).toISOString(), durationMs: row.duration_ms, sha256: row.sha256 },
      });
      const token = grants.issue({ recordingId: row.id, userId, purpose: body.purpose, expiresAt });
      return {
        url: `/api/v1/telephony/recordings/${encodeURIComponent(row.id)}/audio?grant=${token}`,
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/recordings/:id/audio',
    summary: 'The audio (WAV) of a granted recording; supports Range requests (206/416)',
    tags: ['telephony'],
    access: RECORDING_ROLES,
    params: RecordingParams,
    query: RecordingAudioQuery,
    raw: true,
    handler: async ({ params, query, auth, reply, req }) => {
      const grant = grants.verify(query.grant, clock.now());
      if (!grant || grant.recordingId !== params.id || grant.userId !== auth?.user.id) {
        throw new HotlineError(ErrorCode.Forbidden, 'no valid grant for this recording: ask to play or download it');
      }
      const row = await load(params.id);
      if (!insideDir(config.recordingsDir, row.path))
        throw new HotlineError(ErrorCode.NotFound, 'recording file outside the recordings directory');
      const path = resolve(config.recordingsDir, row.path);
      const size = await stat(path).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      );
      if (size === null) throw new HotlineError(ErrorCode.NotFound, 'recording file missing');
      const started = new Date(row.started_at).toISOString().replace(/[-:]/g, '').slice(0, 15);
      const filename = `recording-${started}-${row.id}`.replace(/[^0-9A-Za-z._-]/g, '_');
      reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'audio/wav')
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `${grant.purpose === 'download' ? 'attachment' : 'inline'}; filename="${filename}.wav"`,
        );
      const range = parseRange(req.headers.range, size);
      if (range.kind === 'unsatisfiable') {
        return reply.code(416).header('content-range', `bytes */${size}`).send();
      }
      if (range.kind === 'full') {
        return reply.code(200).header('content-length', String(size)).send(createReadStream(path));
      }
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(createReadStream(path, { start: range.start, end: range.end }));
    },
  });
};
