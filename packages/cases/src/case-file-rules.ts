/**
 * What may be attached to a case: an allow-list of content types, each with its file-name extensions
 * and (where the format has one) its magic bytes. The declared type must agree with the bytes, so an
 * executable renamed `.jpg` is refused. Pure: bytes and names in, a verdict out; never throws.
 */

export interface FileType {
  contentType: string;
  extensions: readonly string[];
  kind: 'image' | 'file';
  /** Checks the first bytes of the file; absent for formats without a signature (plain text). */
  magic?: (head: Uint8Array) => boolean;
}

const ascii = (head: Uint8Array, at: number, s: string) => {
  if (head.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (head[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const bytes = (head: Uint8Array, at: number, b: readonly number[]) =>
  head.length >= at + b.length && b.every((x, i) => head[at + i] === x);

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const isOle = (h: Uint8Array) => bytes(h, 0, OLE);
const isZip = (h: Uint8Array) => bytes(h, 0, ZIP);
const isMp4 = (h: Uint8Array) => ascii(h, 4, 'ftyp');
const isMp3 = (h: Uint8Array) =>
  ascii(h, 0, 'ID3') || (h.length >= 2 && h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0);

export const FILE_TYPES: readonly FileType[] = [
  {
    contentType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    kind: 'image',
    magic: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]),
  },
  {
    contentType: 'image/png',
    extensions: ['png'],
    kind: 'image',
    magic: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    contentType: 'image/webp',
    extensions: ['webp'],
    kind: 'image',
    magic: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP'),
  },
  {
    contentType: 'image/gif',
    extensions: ['gif'],
    kind: 'image',
    magic: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a'),
  },
  { contentType: 'application/pdf', extensions: ['pdf'], kind: 'file', magic: (h) => ascii(h, 0, '%PDF-') },
  { contentType: 'application/msword', extensions: ['doc'], kind: 'file', magic: isOle },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    kind: 'file',
    magic: isZip,
  },
  { contentType: 'application/vnd.ms-excel', extensions: ['xls'], kind: 'file', magic: isOle },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    kind: 'file',
    magic: isZip,
  },
  { contentType: 'text/plain', extensions: ['txt'], kind: 'file' },
  {
    contentType: 'audio/wav',
    extensions: ['wav'],
    kind: 'file',
    magic: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WAVE'),
  },
  { contentType: 'audio/mpeg', extensions: ['mp3'], kind: 'file', magic: isMp3 },
  { contentType: 'audio/amr', extensions: ['amr'], kind: 'file', magic: (h) => ascii(h, 0, '#!AMR') },
  { contentType: 'audio/mp4', extensions: ['m4a'], kind: 'file', magic: isMp4 },
  { contentType: 'video/mp4', extensions: ['mp4'], kind: 'file', magic: isMp4 },
];

/** Other spellings browsers and phones send for the same types. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-amr': 'audio/amr',
};

/** Types that say nothing: the file name's extension decides. */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Signatures of executables and scripts, refused whatever they claim to be. */
function looksExecutable(h: Uint8Array): boolean {
  return ascii(h, 0, 'MZ') || bytes(h, 0, [0x7f, 0x45, 0x4c, 0x46]) || bytes(h, 0, [0xcf, 0xfa, 0xed, 0xfe]);
}

export const MAX_FILE_NAME = 200;

/** Lower-case extension without the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment, no
 * control or path characters, trimmed, at most 200 characters (the extension kept).
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '').trim();
  name = name.replace(/^\.+/, '').trim();
  if ([...name].length > MAX_FILE_NAME) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name = [...name].slice(0, MAX_FILE_NAME - keep.length).join('') + keep;
  }
  return name;
}

export type FileVerdict =
  | { ok: true; contentType: string; name: string; kind: 'image' | 'file' }
  | { ok: false; code: 'unsupported_type' | 'type_mismatch' | 'bad_name' | 'empty'; message: string };

/**
 * The allowed type an upload claims to be: its declared content type, or — when that says nothing —
 * its name's extension. Checked before the body is read, so a refused type costs no disk.
 */
export function fileTypeFor(declaredType: string, name: string): FileType | Extract<FileVerdict, { ok: false }> {
  const declared = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  const canonical = ALIASES[declared] ?? declared;
  const ext = extensionOf(sanitizeFileName(name));
  const type = UNSPECIFIC.has(canonical)
    ? FILE_TYPES.find((t) => t.extensions.includes(ext))
    : FILE_TYPES.find((t) => t.contentType === canonical);
  return (
    type ?? {
      ok: false,
      code: 'unsupported_type',
      message: `file type not allowed (${canonical || ext || 'unknown'}); allowed: images, PDF, Word, Excel, text, audio, MP4 video`,
    }
  );
}

/** Whether plain text is plausible: no NUL bytes and valid UTF-8 (GB18030 text without NULs passes too). */
function looksLikeText(head: Uint8Array): boolean {
  return !head.includes(0);
}

/**
 * Decides what an upload is: its declared type (or, when that says nothing, its name's extension)
 * must be on the allow-list, and its first bytes must match that type's signature.
 */
export function classifyFile(input: {
  declaredType: string;
  name: string;
  head: Uint8Array;
  size: number;
}): FileVerdict {
  const name = sanitizeFileName(input.name);
  if (!name) return { ok: false, code: 'bad_name', message: 'the file needs a name' };
  if (input.size === 0) return { ok: false, code: 'empty', message: 'the file is empty' };
  const type = fileTypeFor(input.declaredType, name);
  if (!('contentType' in type)) return type;
  const ext = extensionOf(name);
  if (looksExecutable(input.head) || (type.magic ? !type.magic(input.head) : !looksLikeText(input.head))) {
    return { ok: false, code: 'type_mismatch', message: `the file's content is not ${type.contentType}` };
  }
  if (ext && !type.extensions.includes(ext)) {
    return {
      ok: false,
      code: 'type_mismatch',
      message: `the name's extension .${ext} does not match ${type.contentType}`,
    };
  }
  const finalName = ext ? name : sanitizeFileName(`${name}.${type.extensions[0]}`);
  return { ok: true, contentType: type.contentType, name: finalName, kind: type.kind };
}

/** Bytes of the file head that `classifyFile` looks at. */
export const FILE_HEAD_BYTES = 4096;
