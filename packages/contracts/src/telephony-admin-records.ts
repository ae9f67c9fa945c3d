import { z } from 'zod';

/**
 * Call records (CDRs, one per leg) and recordings as control stores them, with their search
 * filters. Recordings are readable by admin, supervisor and qa only (requirements R2/R5); every
 * play and download is granted by an audited request first.
 */

/** An ISO date (`2025-03-01`, the whole day in the server's time zone) or date-time. */
const When = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date or date-time');
const Number_ = z
  .string()
  .trim()
  .regex(/^\+?[0-9*#]{1,32}$/, 'digits (part of a number)');
const Ext = z
  .string()
  .trim()
  .regex(/^[0-9]{2,8}$/, '2–8 digits');

const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const CdrQuery = z
  .object({
    from: When.optional(),
    to: When.optional(),
    /** Part of the caller's or callee's number. */
    number: Number_.optional(),
    extension: Ext.optional(),
    /** Agent (user) whose extension was on the leg. */
    userId: z.uuid().optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    answered: z.enum(['yes', 'no']).optional(),
    trunkId: z.string().trim().max(64).optional(),
    /** Part of the caller's region (来电区域): a province, a city or both (`浙江`, `杭州市`, `浙江省杭州市`). */
    region: z.string().trim().min(1).max(40).optional(),
    ...page,
  })
  .strict();
export type CdrQuery = z.infer<typeof CdrQuery>;

export const CdrView = z.object({
  legId: z.string(),
  callId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  caller: z.string(),
  callee: z.string(),
  /** 来电区域 of the caller's number (mobile segment or area code), stored with the call; null when unknown. */
  callerRegion: z.string().nullable(),
  callerProvince: z.string().nullable(),
  callerCity: z.string().nullable(),
  trunkId: z.string().nullable(),
  extension: z.string().nullable(),
  agentName: z.string().nullable(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string(),
  /** Seconds from answer to end (0 when not answered). */
  talkSeconds: z.number(),
  sipStatus: z.number(),
  q850: z.number(),
  causeText: z.string(),
  hangupBy: z.string(),
  /** A recording of one of the leg's bridges, when the reader may play recordings. */
  recordingId: z.string().nullable(),
});
export type CdrView = z.infer<typeof CdrView>;
export const CdrsResponse = z.object({ items: z.array(CdrView), total: z.number() });

export const RecordingQuery = z
  .object({
    from: When.optional(),
    to: When.optional(),
    number: Number_.optional(),
    extension: Ext.optional(),
    userId: z.uuid().optional(),
    /** Seconds. */
    minDuration: z.coerce.number().min(0).max(86_400).optional(),
    maxDuration: z.coerce.number().min(0).max(86_400).optional(),
    ...page,
  })
  .strict();
export type RecordingQuery = z.infer<typeof RecordingQuery>;

export const RecordingView = z.object({
  id: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  caller: z.string().nullable(),
  callee: z.string().nullable(),
  callerRegion: z.string().nullable(),
  extensions: z.array(z.string()),
  agents: z.array(z.string()),
  legIds: z.array(z.string()),
});
export type RecordingView = z.infer<typeof RecordingView>;
export const RecordingsResponse = z.object({ items: z.array(RecordingView), total: z.number() });
export const RecordingResponse = z.object({ recording: RecordingView });
export const RecordingParams = z.object({ id: z.string().min(1).max(64) });

export const RecordingGrantBody = z.object({ purpose: z.enum(['play', 'download']) }).strict();
/** A short-lived URL for the audio (HTTP Range supported); bound to the user who asked. */
export const RecordingGrantResponse = z.object({ url: z.string(), expiresAt: z.string() });
export const RecordingAudioQuery = z.object({ grant: z.string().min(1).max(512) });
