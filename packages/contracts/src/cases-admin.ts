import { z } from 'zod';
import { DurationSchema } from './cases.ts';

/** Administration of the work-order catalog: the category tree and the working-day calendar. */
export const TimeLimitSchema = z.object({ sign: DurationSchema, finish: DurationSchema }).strict();
export const TimeLimitsSchema = z
  .object({
    normal: TimeLimitSchema.optional(),
    urgent: TimeLimitSchema.optional(),
    critical: TimeLimitSchema.optional(),
  })
  .strict();

const name = z.string().trim().min(1).max(64);
const nameEn = z.string().trim().max(128).nullable();
const keywords = z.array(z.string().trim().min(1).max(32)).max(50);
const sort = z.number().int().min(0).max(1_000_000);

/** A child's code extends its parent's (`01` → `0101` → `010101`); three levels at most. */
export const CategoryCreateBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{1,12}$/, '1–12 letters or digits'),
    parentCode: z.string().trim().max(12).nullable().default(null),
    name,
    nameEn: nameEn.default(null),
    keywords: keywords.default([]),
    timeLimits: TimeLimitsSchema.default({}),
    active: z.boolean().default(true),
    sort: sort.default(0),
  })
  .strict();

/** Code and parent are fixed once created; retire a category with `active: false`. */
export const CategoryPatchBody = z
  .object({
    name: name.optional(),
    nameEn: nameEn.optional(),
    keywords: keywords.optional(),
    timeLimits: TimeLimitsSchema.optional(),
    active: z.boolean().optional(),
    sort: sort.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const CategoryCodeParams = z.object({ code: z.string().max(12) });

export const CategorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  keywords: z.array(z.string()),
  timeLimits: TimeLimitsSchema,
  active: z.boolean(),
  sort: z.number(),
});
export const CategoryResponse = z.object({ category: CategorySchema });
export const CategoriesResponse = z.object({ categories: z.array(CategorySchema) });

export const CalendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarDateParams = z.object({ date: z.string().max(10) });
export const CalendarOverrideBody = z
  .object({
    kind: z.enum(['holiday', 'workday']),
    name: z.string().trim().max(64).nullable().default(null),
  })
  .strict();

export const CalendarDaySchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  source: z.enum(['override', 'statutory', 'weekend', 'weekday']),
  name: z.string().nullable(),
});
export const CalendarYearResponse = z.object({
  year: z.number(),
  /** False when `chinese-days` has no statutory data for the year yet: add overrides or update it. */
  statutoryCovered: z.boolean(),
  overrides: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().nullable() })),
  /** Statutory holidays, make-up working days (调休) and overrides of the year. */
  days: z.array(CalendarDaySchema),
});
export const CalendarChangeResponse = z.object({
  /** Open cases whose deadlines moved with the change. */
  refreshed: z.number().int(),
  day: CalendarDaySchema,
});

/** A holiday or make-up working day over an inclusive range (a whole 春节 in one action; ≤ 31 days). */
export const CalendarRangeBody = z
  .object({
    from: z.string().max(10),
    to: z.string().max(10),
    kind: z.enum(['holiday', 'workday']),
    name: z.string().trim().max(64).nullable().default(null),
  })
  .strict();
export const CalendarRangeQuery = z.object({ from: z.string().max(10), to: z.string().max(10) });
export const CalendarRangeResponse = z.object({
  /** The dates set (PUT) or whose override was removed (DELETE). */
  dates: z.array(z.string()),
  refreshed: z.number().int(),
});

/** 自次日起算: day-based limits count from the next working (or calendar) day after dispatch. */
export const ClockRulesBody = z.object({ countFromNextDay: z.boolean() }).strict();
export const ClockRulesResponse = z.object({
  rules: z.object({ countFromNextDay: z.boolean(), warnShare: z.number() }),
  /** Tree-wide time limits used where no category on the path sets one. */
  defaults: TimeLimitsSchema,
  /** Open cases whose deadlines moved with the change (0 for a read). */
  refreshed: z.number().int(),
});
