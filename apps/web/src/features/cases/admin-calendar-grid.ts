/** A day of the year as the calendar API lists it (only holidays, make-up days and overrides are listed). */
export interface CalendarDay {
  date: string;
  workday: boolean;
  source: 'override' | 'statutory' | 'weekend' | 'weekday';
  name: string | null;
}

export type DayKind =
  | 'statutoryHoliday'
  | 'statutoryWorkday'
  | 'overrideHoliday'
  | 'overrideWorkday'
  | 'weekend'
  | 'weekday';

export const DAY_KINDS: DayKind[] = [
  'statutoryHoliday',
  'statutoryWorkday',
  'overrideHoliday',
  'overrideWorkday',
  'weekend',
  'weekday',
];

/** Colours of the year view and its legend: background, text. */
export const DAY_COLORS: Record<DayKind, { bg: string; fg: string }> = {
  statutoryHoliday: { bg: '#ffccc7', fg: '#a8071a' },
  statutoryWorkday: { bg: '#ffe7ba', fg: '#ad4e00' },
  overrideHoliday: { bg: '#efdbff', fg: '#531dab' },
  overrideWorkday: { bg: '#bae0ff', fg: '#003eb3' },
  weekend: { bg: '#f0f0f0', fg: '#8c8c8c' },
  weekday: { bg: '#ffffff', fg: '#262626' },
};

const isWeekend = (date: string) => {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** How a date shows: the API's entry if listed, else a plain weekend or weekday. */
export function dayKind(date: string, listed: CalendarDay | undefined): DayKind {
  if (listed?.source === 'override') return listed.workday ? 'overrideWorkday' : 'overrideHoliday';
  if (listed?.source === 'statutory') return listed.workday ? 'statutoryWorkday' : 'statutoryHoliday';
  return isWeekend(date) ? 'weekend' : 'weekday';
}

/** The cells of a month grid, Monday first: `date: null` pads before the 1st and after the last day. */
export function monthCells(year: number, month: number): { key: string; date: string | null }[] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: { key: string; date: string | null }[] = [];
  for (let i = 0; i < lead; i++) cells.push({ key: `lead-${i}`, date: null });
  for (let d = 1; d <= days; d++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    cells.push({ key: date, date });
  }
  for (let i = 0; cells.length % 7 !== 0; i++) cells.push({ key: `trail-${i}`, date: null });
  return cells;
}

/**
 * Whether the page should warn about `year` on landing: it has no statutory data and it is the
 * year shown, or it is next year and today is in November or December (the notice is due).
 */
export function warnYears(today: string, shown: number, covered: (year: number) => boolean | undefined): number[] {
  const thisYear = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: number[] = [];
  if (covered(shown) === false) out.push(shown);
  if (month >= 11 && shown !== thisYear + 1 && covered(thisYear + 1) === false) out.push(thisYear + 1);
  return out;
}
