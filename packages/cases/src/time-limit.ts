import { addDays, type WorkingCalendar } from './working-calendar.ts';

const HOUR_MS = 3_600_000;

/**
 * 时限: a time limit. `hours` are elapsed clock hours (emergencies: 2 h, 24 h); `working_days` skip
 * weekends, statutory holidays and count make-up working days (调休); `days` are calendar days.
 */
export interface Duration {
  unit: 'hours' | 'working_days' | 'days';
  amount: number;
}

/** Separate clocks: signing (签收) and finishing (办结), both measured per party from its dispatch. */
export interface TimeLimit {
  sign: Duration;
  finish: Duration;
}

export interface ClockRules {
  /**
   * "自次日起算": day 1 of a day-based limit is the first working (or calendar) day AFTER the start
   * date. When false, the start date itself is day 1 if it qualifies.
   */
  countFromNextDay: boolean;
  /** Share of a clock's span after which the party is warned (e.g. 0.8 = at 80 %). */
  warnShare: number;
}

export const DEFAULT_CLOCK_RULES: ClockRules = { countFromNextDay: true, warnShare: 0.8 };

export function isValidDuration(d: Duration): boolean {
  return (
    (d.unit === 'hours' || d.unit === 'working_days' || d.unit === 'days') &&
    Number.isFinite(d.amount) &&
    d.amount > 0 &&
    (d.unit === 'hours' || Number.isInteger(d.amount))
  );
}

/**
 * The deadline of a clock started at `start`. Day-based limits end at the end (24:00 local) of
 * day N; `hours` end exactly `amount` hours later.
 */
export function deadlineFrom(cal: WorkingCalendar, start: number, d: Duration, rules: ClockRules): number {
  if (d.unit === 'hours') return start + d.amount * HOUR_MS;
  const startDate = cal.localDate(start);
  if (d.unit === 'days') {
    const last = addDays(startDate, rules.countFromNextDay ? d.amount : d.amount - 1);
    return cal.endOfDay(last);
  }
  let day = rules.countFromNextDay ? cal.nextWorkday(startDate) : cal.workdayOnOrAfter(startDate);
  for (let i = 1; i < d.amount; i++) day = cal.nextWorkday(day);
  return cal.endOfDay(day);
}

/**
 * An approved extension (延期) moves a deadline: hours are added; day-based extensions add N
 * (working) days after the local day on which the current deadline falls.
 */
export function extendDeadline(cal: WorkingCalendar, deadline: number, d: Duration): number {
  if (d.unit === 'hours') return deadline + d.amount * HOUR_MS;
  const lastDay = cal.localDate(deadline - 1);
  if (d.unit === 'days') return cal.endOfDay(addDays(lastDay, d.amount));
  let day = lastDay;
  for (let i = 0; i < d.amount; i++) day = cal.nextWorkday(day);
  return cal.endOfDay(day);
}

/** When a warning is due: at `warnShare` of the span from start to deadline. */
export function warnAt(start: number, deadline: number, rules: ClockRules): number {
  return start + Math.floor((deadline - start) * rules.warnShare);
}

export type ClockState = 'ok' | 'due_soon' | 'overdue';

export function clockState(start: number, deadline: number, now: number, rules: ClockRules): ClockState {
  if (now > deadline) return 'overdue';
  if (now >= warnAt(start, deadline, rules)) return 'due_soon';
  return 'ok';
}
