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
