/**
 * Chinese telephone numbers as callers present them, reduced to one lookup key.
 *
 * Numbering plan (MIIT, 《电信网编号计划》):
 * - mobile: 11 digits `1[3-9]x xxxx xxxx`; trunks often add `+86`, `0086`, `86`, a leading `0`
 *   (long-distance prefix added by some exchanges) or an IP-dialling prefix (17951, 17911, 12593 …);
 * - landline: trunk prefix `0` + area code (`10` and `2x` are two digits, all others three) + a
 *   subscriber number of 7 or 8 digits; a local call may arrive without the area code;
 * - service numbers: 3–5 digit specials (110, 12345, 12319, 95598, 10086, 96xxx …) optionally after
 *   an area code, and 400/800 nationwide numbers of 10 digits.
 *
 * Pure: never throws on hostile input, returns `{ ok: false, reason }` instead.
 */

export const PhoneKind = {
  Mobile: 'mobile',
  Landline: 'landline',
  Service: 'service',
  International: 'international',
} as const;
export type PhoneKind = (typeof PhoneKind)[keyof typeof PhoneKind];

export interface NormalizedPhone {
  ok: true;
  kind: PhoneKind;
  /** Lookup key stored in the phones index: `+86` + national significant number, or `+<cc>…` abroad. */
  key: string;
  /** Digits as dialled inside China: `13800138000`, `057188888888`, `12345`, `4008123123`. */
  national: string;
  /** Landline/service area code without the trunk 0 (`571`, `10`), when known. */
  areaCode: string | null;
  /** Subscriber part for landlines, the whole number otherwise. */
  subscriber: string;
  extension: string | null;
  /** Human form: `138 0013 8000`, `0571-8888 8888`. */
  display: string;
}

export interface PhoneError {
  ok: false;
  reason: 'empty' | 'not_digits' | 'too_short' | 'too_long' | 'bad_area_code' | 'bad_mobile' | 'unknown_format';
  input: string;
}

export type PhoneResult = NormalizedPhone | PhoneError;

export interface NormalizeOptions {
  /** Area code (without 0) assumed for 7–8 digit local numbers, e.g. the hotline's own city `571`. */
  defaultAreaCode?: string;
}

/** IP long-distance dialling prefixes that some exchanges leave in the calling number. */
const IP_PREFIXES = ['17951', '17911', '17909', '12593', '10193', '17901', '96688'] as const;
const MAX_INPUT = 64;
const MOBILE = /^1[3-9]\d{9}$/;
/** Nationwide specials and their shapes: 1xx, 1xxxx, 95xxx(x), 96xxx(x), 400/800. */
const SERVICE = /^(?:11[0-9]|12[0-9]|1[0-9]{4}|95\d{3,4}|96\d{3,4}|10\d{3})$/;
const NATIONWIDE = /^[48]00\d{7}$/;
const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Area codes of two digits (after the trunk 0): Beijing 10 and 20–29. */
function areaCodeLength(afterZero: string): 2 | 3 {
  return afterZero.startsWith('10') || afterZero.startsWith('2') ? 2 : 3;
}

export function normalizePhone(raw: string, options: NormalizeOptions = {}): PhoneResult {
  const input = typeof raw === 'string' ? raw : '';
  if (input.length > MAX_INPUT) return { ok: false, reason: 'too_long', input: input.slice(0, MAX_INPUT) };
  let s = input
    .replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, '+')
    .trim();
  if (s === '') return { ok: false, reason: 'empty', input };
  let extension: string | null = null;
  const ext = /(?:转|分机|ext\.?|x|#|,)\s*(\d{1,6})\s*$/i.exec(s);
  if (ext) {
    extension = ext[1]!;
    s = s.slice(0, ext.index);
  }
  // A SIP URI user part or tel: URI: take what precedes '@' / ';'.
  s = s.replace(/^(?:tel:|sips?:)/i, '').replace(/[@;].*$/, '');
  const plus = s.startsWith('+');
  const digits = s.replace(/[\s\-().（）—_/]/g, '').replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'not_digits', input };
  let d = digits;
  if (plus || d.startsWith('00')) {
    if (!plus) d = d.slice(2);
    if (!d.startsWith('86')) {
      if (d.length < 7) return { ok: false, reason: 'too_short', input };
      if (d.length > 15) return { ok: false, reason: 'too_long', input };
      return {
        ok: true,
        kind: PhoneKind.International,
        key: `+${d}`,
        national: `00${d}`,
        areaCode: null,
        subscriber: d,
        extension,
        display: `+${d}`,
      };
    }
    d = d.slice(2);
    // After +86 a landline is written without its trunk 0; put it back for one code path.
    if (!MOBILE.test(d) && !SERVICE.test(d) && !NATIONWIDE.test(d) && !d.startsWith('0')) d = `0${d}`;
  } else if (d.length === 13 && d.startsWith('86') && MOBILE.test(d.slice(2))) {
    d = d.slice(2);
  }
  for (const p of IP_PREFIXES) {
    if (d.startsWith(p) && d.length >= p.length + 10) {
      d = d.slice(p.length);
      break;
    }
  }
  if (d.length === 12 && d.startsWith('0') && MOBILE.test(d.slice(1))) d = d.slice(1);
  if (MOBILE.test(d)) return mobile(d, extension);
  if (d.startsWith('1') && d.length === 11) return { ok: false, reason: 'bad_mobile', input };
  if (NATIONWIDE.test(d)) {
    return {
      ok: true,
      kind: PhoneKind.Service,
      key: `+86${d}`,
      national: d,
      areaCode: null,
      subscriber: d,
      extension,
      display: `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    };
  }
  if (SERVICE.test(d)) return service(null, d, extension);
  if (d.startsWith('0')) {
    const rest = d.slice(1);
    const len = areaCodeLength(rest);
    const area = rest.slice(0, len);
    const sub = rest.slice(len);
    if (len === 3 ? !/^[3-9]/.test(area) : !/^(?:10|2\d)$/.test(area))
      return { ok: false, reason: 'bad_area_code', input };
    if (SERVICE.test(sub)) return service(area, sub, extension);
    if (sub.length < 7) return { ok: false, reason: 'too_short', input };
    if (sub.length > 8) return { ok: false, reason: 'too_long', input };
    if (!/^[2-9]/.test(sub)) return { ok: false, reason: 'unknown_format', input };
    return landline(area, sub, extension);
  }
  if ((d.length === 7 || d.length === 8) && /^[2-9]/.test(d)) {
    const area = options.defaultAreaCode?.replace(/^0/, '');
    if (area && /^[1-9]\d{1,2}$/.test(area)) return landline(area, d, extension);
    return { ok: false, reason: 'bad_area_code', input };
  }
  if (d.length < 7) return { ok: false, reason: 'too_short', input };
  if (d.length > 12) return { ok: false, reason: 'too_long', input };
  return { ok: false, reason: 'unknown_format', input };
}

function mobile(d: string, extension: string | null): NormalizedPhone {
  return {
    ok: true,
    kind: PhoneKind.Mobile,
    key: `+86${d}`,
    national: d,
    areaCode: null,
    subscriber: d,
    extension,
    display: `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
  };
}

function landline(area: string, sub: string, extension: string | null): NormalizedPhone {
  const split = sub.length === 8 ? `${sub.slice(0, 4)} ${sub.slice(4)}` : `${sub.slice(0, 3)} ${sub.slice(3)}`;
  return {
    ok: true,
    kind: PhoneKind.Landline,
    key: `+86${area}${sub}`,
    national: `0${area}${sub}`,
    areaCode: area,
    subscriber: sub,
    extension,
    display: `0${area}-${split}`,
  };
}

function service(area: string | null, d: string, extension: string | null): NormalizedPhone {
  return {
    ok: true,
    kind: PhoneKind.Service,
    key: area ? `+86${area}${d}` : `+86${d}`,
    national: area ? `0${area}${d}` : d,
    areaCode: area,
    subscriber: d,
    extension,
    display: area ? `0${area}-${d}` : d,
  };
}

/** The lookup key for a raw number, or null when it cannot be a Chinese or international number. */
export function phoneKey(raw: string, options: NormalizeOptions = {}): string | null {
  const r = normalizePhone(raw, options);
  return r.ok ? r.key : null;
}
