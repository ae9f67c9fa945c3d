import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NormalizedPhone, PhoneKind } from '../phone/normalize-phone.ts';

/**
 * 来电区域: the province and city a caller's number belongs to — by the 7-digit mobile segment
 * (号段, e.g. 1380013 → 北京市) or by the landline area code (0571 → 浙江省杭州市). This is where
 * the number was issued, not where the caller is: a mobile number keeps its home region when it
 * roams and when it is ported to another operator (携号转网).
 */
export interface CallerRegion {
  province: string;
  city: string;
  /** Every city an area code serves (024 serves 沈阳市、铁岭市、抚顺市); `[city]` otherwise. */
  cities: string[];
  /** Compact label as stored on calls: `浙江省杭州市`. */
  label: string;
  source: 'mobile_prefix' | 'area_code';
}

interface RegionTables {
  names: string[];
  areas: Map<string, number>;
  carriers: Map<string, string>;
  runStarts: Uint32Array;
  runRegions: Int16Array;
}

const MOBILE_FIRST = 1_000_000;
const FULL_PROVINCE: Record<string, string> = {
  内蒙古: '内蒙古自治区',
  广西: '广西壮族自治区',
  西藏: '西藏自治区',
  宁夏: '宁夏回族自治区',
  新疆: '新疆维吾尔自治区',
};
const PROVINCE = /^(.+?省|内蒙古|广西|西藏|宁夏|新疆|北京市|上海市|天津市|重庆市)(.*)$/;

let tables: RegionTables | null = null;

/** Parses the generated data file (see build-region-data.ts for its format). */
export function parseRegionData(text: string): RegionTables {
  const names: string[] = [];
  const areas = new Map<string, number>();
  const carriers = new Map<string, string>();
  const starts: number[] = [];
  const regions: number[] = [];
  let pos = MOBILE_FIRST;
  for (const line of text.split('\n')) {
    const kind = line[0];
    if (kind === 'R') names.push(line.slice(2));
    else if (kind === 'A') {
      const [, code, i] = line.split(' ');
      areas.set(code!, Number(i));
    } else if (kind === 'C') {
      const [, prefix, name] = line.split(' ');
      carriers.set(prefix!, name!);
    } else if (kind === 'M') {
      for (const run of line.slice(2).split(' ')) {
        const [len, r] = run.split('.');
        starts.push(pos);
        regions.push(r === '-' ? -1 : Number.parseInt(r!, 36));
        pos += Number.parseInt(len!, 36);
      }
    }
  }
  return { names, areas, carriers, runStarts: Uint32Array.from(starts), runRegions: Int16Array.from(regions) };
}

function load(): RegionTables {
  tables ??= parseRegionData(readFileSync(join(import.meta.dirname, 'cn-phone-regions.txt'), 'utf8'));
  return tables;
}

/** Splits an upstream label (`辽宁省沈阳市、铁岭市、抚顺市`) into province and cities. */
export function splitRegionLabel(label: string): Omit<CallerRegion, 'source'> {
  const m = PROVINCE.exec(label);
  const short = m ? m[1]! : label;
  const province = FULL_PROVINCE[short] ?? short;
  const rest = m ? m[2]! : '';
  const cities = rest ? rest.split('、').filter((c) => c !== '') : [province];
  return { province, city: cities[0]!, cities, label };
}

function regionName(i: number): string | null {
  return i >= 0 ? (load().names[i] ?? null) : null;
}

/** Region of a mobile number's 7-digit segment; null for segments the data does not cover. */
export function mobileRegion(national: string): CallerRegion | null {
  if (!/^1[3-9]\d{5}/.test(national)) return null;
  const t = load();
  const prefix = Number(national.slice(0, 7));
  let lo = 0;
  let hi = t.runStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.runStarts[mid]! <= prefix) lo = mid;
    else hi = mid - 1;
  }
  const name = regionName(t.runRegions[lo]!);
  return name ? { ...splitRegionLabel(name), source: 'mobile_prefix' } : null;
}

/** Region of a landline area code without the trunk 0 (`571`, `10`). */
export function areaCodeRegion(areaCode: string): CallerRegion | null {
  const i = load().areas.get(areaCode.replace(/^0/, ''));
  const name = i === undefined ? null : regionName(i);
  return name ? { ...splitRegionLabel(name), source: 'area_code' } : null;
}

/** Operator that was assigned a mobile segment (before any number porting). */
export function mobileCarrier(national: string): string | null {
  const t = load();
  for (const len of [4, 3, 2]) {
    const c = t.carriers.get(national.slice(0, len));
    if (c) return c;
  }
  return null;
}

/** 来电区域 for a normalised number: mobile by segment, landline and local specials by area code. */
export function callerRegion(phone: NormalizedPhone): CallerRegion | null {
  if (phone.kind === PhoneKind.Mobile) return mobileRegion(phone.national);
  if (phone.areaCode) return areaCodeRegion(phone.areaCode);
  return null;
}
