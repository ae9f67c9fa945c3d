import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** China Standard Time has no daylight saving: a fixed offset keeps day boundaries deterministic. */
export const CHINA_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;

/** Statutory data as shipped by `chinese-days`: ISO date → "English,中文,n". */
export interface HolidayData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/** An administrator's correction, layered above the statutory data (e.g. a local holiday, a late notice). */
export interface CalendarOverride {
  date: string;
  kind: 'workday' | 'holiday';
  name?: string;
}

export type DaySource = 'override' | 'statutory' | 'weekend' | 'weekday';

export interface DayInfo {
  date: string;
  workday: boolean;
  source: DaySource;
  /** Holiday name for statutory holidays and make-up working days (调休), or the override's name. */
  name: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Adds `n` calendar days to an ISO date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function chineseName(raw: string | undefined): string | null {
  if (!raw) return null;
  const parts = raw.split(',');
  return parts[1] ?? parts[0] ?? null;
}

/**
 * 工作日历: which local dates are working days. Order of precedence: admin override, then the
 * statutory holidays and make-up working days (调休) from `chinese-days`, then Saturday/Sunday.
 * Years outside the statutory data fall back to weekends plus overrides; `covers(year)` tells.
 */
export class WorkingCalendar {
  readonly offsetMinutes: number;
  readonly #data: HolidayData;
  readonly #overrides = new Map<string, CalendarOverride>();
  readonly #years: { from: number; to: number };

  constructor(opts: { offsetMinutes?: number; overrides?: readonly CalendarOverride[]; data?: HolidayData } = {}) {
    this.offsetMinutes = opts.offsetMinutes ?? CHINA_OFFSET_MINUTES;
    this.#data = opts.data ?? (holidayData as HolidayData);
    for (const o of opts.overrides ?? []) this.#overrides.set(o.date, o);
    const years = Object.keys(this.#data.holidays).map((d) => Number(d.slice(0, 4)));
    this.#years = years.length > 0 ? { from: Math.min(...years), to: Math.max(...years) } : { from: 0, to: -1 };
  }

  /** Years for which statutory holiday data is present (the State Council publishes each year in Nov/Dec). */
  get statutoryYears(): { from: number; to: number } {
    return this.#years;
  }

  covers(year: number): boolean {
    return year >= this.#years.from && year <= this.#years.to;
  }

  /** A copy of this calendar with further overrides applied (later entries win). */
  withOverrides(overrides: readonly CalendarOverride[]): WorkingCalendar {
    return new WorkingCalendar({
      offsetMinutes: this.offsetMinutes,
      data: this.#data,
      overrides: [...this.#overrides.values(), ...overrides],
    });
  }

  get overrides(): CalendarOverride[] {
    return [...this.#overrides.values()];
  }

  dayInfo(date: string): DayInfo {
    const o = this.#overrides.get(date);
    if (o) return { date, workday: o.kind === 'workday', source: 'override', name: o.name ?? null };
    const holiday = this.#data.holidays[date];
    if (holiday) return { date, workday: false, source: 'statutory', name: chineseName(holiday) };
    const makeUp = this.#data.workdays[date];
    if (makeUp) return { date, workday: true, source: 'statutory', name: chineseName(makeUp) };
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 6) return { date, workday: false, source: 'weekend', name: null };
    return { date, workday: true, source: 'weekday', name: null };
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  /** The local (calendar-zone) date of an instant. */
  localDate(ms: number): string {
    return new Date(ms + this.offsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  /** The instant a local date begins (00:00 local). */
  startOfDay(date: string): number {
    return Date.parse(`${date}T00:00:00Z`) - this.offsetMinutes * 60_000;
  }

  /** The instant a local date ends (00:00 of the next local day; deadlines are "by the end of day N"). */
  endOfDay(date: string): number {
    return this.startOfDay(date) + DAY_MS;
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    let d = addDays(date, 1);
    for (let guard = 0; guard < 400 && !this.isWorkday(d); guard++) d = addDays(d, 1);
    return d;
  }

  /** `date` itself when it is a working day, else the next one. */
  workdayOnOrAfter(date: string): string {
    return this.isWorkday(date) ? date : this.nextWorkday(date);
  }

  /** Working days in the inclusive local-date range [from, to]. */
  workdaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}
