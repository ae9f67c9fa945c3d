import type { PermissionClass } from '@hotline/contracts';

/**
 * Number normalisation for China (YD/T 2339 numbering; ITU-T E.164 country code 86) and the
 * permission class a dialled number needs. Pure.
 *
 *   +8657188888888, 008657188888888, 057188888888 → national fixed line (local when the area code
 *   is the trunk's own); 13812345678 / +8613812345678 → mobile (local class); 88888888 → local
 *   subscriber; 110/119/120/122, 12319/12345, 95xxx/96xxx, 100xx → short numbers (local class);
 *   00 + other country / +CC → international.
 */
export type NumberKind = 'emergency' | 'short' | 'local' | 'mobile' | 'national' | 'international' | 'invalid';

export interface ClassifiedNumber {
  kind: NumberKind;
  /** E.164 with '+', or null for short numbers and invalid input. */
  e164: string | null;
  /** Digits to send to a Chinese carrier trunk (national format: 0 + area code for other areas). */
  dial: string;
  permission: PermissionClass;
}

const EMERGENCY = new Set(['110', '119', '120', '122']);
const SHORT_RE = /^(1[0-9]{2}|1[0-9]{4}|9[56][0-9]{3}|10[0-9]{3})$/;
/** Area codes are 2 digits (10, 2x) or 3 digits (3xx–9xx) after the trunk prefix 0. */
const AREA_RE = /^(10|2[0-9]|[3-9][0-9]{2})/;

const invalid = (raw: string): ClassifiedNumber => ({
  kind: 'invalid',
  e164: null,
  dial: raw,
  permission: 'international',
});

export function classifyNumber(raw: string, homeArea = ''): ClassifiedNumber {
  let n = raw.replace(/[\s()-]/g, '');
  if (!/^\+?[0-9]{2,20}$/.test(n)) return invalid(raw);
  if (n.startsWith('+')) n = `00${n.slice(1)}`;
  if (n.startsWith('0086')) n = nationalOf(n.slice(4));
  else if (n.startsWith('00')) {
    return { kind: 'international', e164: `+${n.slice(2)}`, dial: n, permission: 'international' };
  }
  if (EMERGENCY.has(n)) return { kind: 'emergency', e164: null, dial: n, permission: 'local' };
  if (SHORT_RE.test(n)) return { kind: 'short', e164: null, dial: n, permission: 'local' };
  if (/^1[3-9][0-9]{9}$/.test(n)) return { kind: 'mobile', e164: `+86${n}`, dial: n, permission: 'local' };
  if (/^0[1-9]/.test(n)) {
    const area = AREA_RE.exec(n.slice(1))?.[1];
    if (!area) return invalid(raw);
    const subscriber = n.slice(1 + area.length);
    if (!/^[2-9][0-9]{6,7}$/.test(subscriber)) return invalid(raw);
    const local = area === homeArea;
    return {
      kind: local ? 'local' : 'national',
      e164: `+86${area}${subscriber}`,
      dial: local ? subscriber : n,
      permission: local ? 'local' : 'national',
    };
  }
  if (/^[2-9][0-9]{6,7}$/.test(n)) {
    return { kind: 'local', e164: homeArea ? `+86${homeArea}${n}` : null, dial: n, permission: 'local' };
  }
  return invalid(raw);
}

/** A number after +86 / 0086: mobile as is, fixed lines with their national prefix 0. */
function nationalOf(rest: string): string {
  return /^1[3-9][0-9]{9}$/.test(rest) || rest.startsWith('0') ? rest : `0${rest}`;
}

const ORDER: readonly PermissionClass[] = ['internal', 'local', 'national', 'international'];

/** Does an extension with class `has` may dial a number needing `needs`? */
export function permits(has: PermissionClass, needs: PermissionClass): boolean {
  return ORDER.indexOf(has) >= ORDER.indexOf(needs);
}
