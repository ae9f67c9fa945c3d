import { z } from 'zod';

/**
 * Files attached to work orders (工单附件): uploaded first (`POST /api/v1/files`, the raw file as the
 * request body), then referenced by `fileId` in a register or reply command, which binds the file to
 * that case for good.
 */
export const CaseFileParams = z.object({ id: z.uuid() });

/** The original file name travels in the query string; the server sanitises it. */
export const CaseFileUploadQuery = z.object({ name: z.string().min(1).max(1000) });

export const CaseFileView = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type CaseFileView = z.infer<typeof CaseFileView>;
export const CaseFileUploadResponse = z.object({ file: CaseFileView });

/** `inline=1` shows an image in the page (thumbnails); everything else downloads. */
export const CaseFileDownloadQuery = z.object({ inline: z.enum(['0', '1']).optional() });

/** A call linked to a case, from the switch's CDRs (one row per leg). */
export const CaseLinkedCall = z.object({
  ref: z.string(),
  legId: z.string(),
  direction: z.string(),
  caller: z.string(),
  callee: z.string(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  durationMs: z.number(),
});
export const CaseLinkedRecording = z.object({
  ref: z.string(),
  /** Null when the ref names no stored recording (yet). */
  id: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export const CaseLinksResponse = z.object({
  calls: z.array(CaseLinkedCall),
  /** Call refs that match no CDR (e.g. the switch has not reported the call yet). */
  unmatchedCalls: z.array(z.string()),
  recordings: z.array(CaseLinkedRecording),
  /** Whether the caller may ask for a play grant (recording roles only). */
  canPlay: z.boolean(),
});
export type CaseLinksResponse = z.infer<typeof CaseLinksResponse>;

/** An ISO date (the whole day, server time zone) or date-time, as the CDR search takes it. */
const When = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date or date-time');
/**
 * Calls a case could be linked to (the "关联通话" action): CDR legs whose caller or callee contains
 * `number` (default: the case's caller phone), optionally within `from`–`to` (ISO date or time).
 */
export const CaseCallCandidatesQuery = z
  .object({
    /** Digits of the caller's or callee's number (separators are dropped). */
    number: z
      .string()
      .trim()
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\+?[0-9]{3,32}$/, 'digits (part of a number)'))
      .optional(),
    from: When.optional(),
    to: When.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type CaseCallCandidatesQuery = z.infer<typeof CaseCallCandidatesQuery>;
export const CaseCallCandidate = z.object({
  legId: z.string(),
  callId: z.string(),
  direction: z.string(),
  caller: z.string(),
  callee: z.string(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  talkSeconds: z.number(),
  agentName: z.string().nullable(),
  /** Already linked to this case (by its leg id or its Call-ID). */
  linked: z.boolean(),
});
export type CaseCallCandidate = z.infer<typeof CaseCallCandidate>;
export const CaseCallCandidatesResponse = z.object({
  /** The number searched (the caller's phone when none was given; null when the case has none). */
  number: z.string().nullable(),
  items: z.array(CaseCallCandidate),
  total: z.number(),
});
export type CaseCallCandidatesResponse = z.infer<typeof CaseCallCandidatesResponse>;

/** What the upload control needs to know before sending a file (HOTLINE_CASE_FILE_MAX_MB). */
export const CaseFileLimitsResponse = z.object({ maxBytes: z.number(), maxMb: z.number() });
export type CaseFileLimitsResponse = z.infer<typeof CaseFileLimitsResponse>;
