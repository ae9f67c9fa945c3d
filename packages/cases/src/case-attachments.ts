import type { Attachment, AttachmentInput } from './case-model.ts';

export const MAX_ATTACHMENTS = 20;
const KINDS = ['file', 'recording', 'image'];
const HTTP = /^https?:\/\/[^\s]+$/i;

/**
 * Problems of a command's attachments (empty when valid). By the time a command is decided, every
 * upload reference has been resolved by the repository into a bound file with its size and type;
 * a bare `{ fileId }` here was never resolved and is refused. Hostile input never throws.
 */
export function attachmentProblems(list: unknown, field = 'attachments'): string[] {
  if (!Array.isArray(list)) return [`${field}: must be a list`];
  if (list.length > MAX_ATTACHMENTS) return [`${field}: at most ${MAX_ATTACHMENTS}`];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [i, a] of (list as (Partial<Attachment> | null)[]).entries()) {
    const at = `${field}[${i}]`;
    if (!a || typeof a !== 'object') {
      out.push(`${at}: not an attachment`);
      continue;
    }
    if (typeof a.name !== 'string' || a.name.trim() === '' || a.name.length > 200) out.push(`${at}.name: required`);
    if (typeof a.kind !== 'string' || !KINDS.includes(a.kind)) out.push(`${at}.kind: unknown`);
    const hasFile = typeof a.fileId === 'string';
    const hasUrl = typeof a.url === 'string';
    if (hasFile === hasUrl) out.push(`${at}: either an uploaded file or a link`);
    if (hasFile) {
      if (seen.has(a.fileId!)) out.push(`${at}: file attached twice`);
      seen.add(a.fileId!);
      if (typeof a.size !== 'number' || typeof a.contentType !== 'string') out.push(`${at}: unknown file`);
    }
    if (hasUrl && (a.url!.length > 1000 || !HTTP.test(a.url!))) out.push(`${at}.url: must be an http(s) link`);
  }
  return out;
}

/** The upload ids an input list references. */
export function referencedFileIds(list: readonly AttachmentInput[] | undefined): string[] {
  return (list ?? []).flatMap((a) => (a && typeof a === 'object' && typeof a.fileId === 'string' ? [a.fileId] : []));
}
