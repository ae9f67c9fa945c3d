import { z } from 'zod';

/**
 * Incidents (事件): a burst main, a planned outage … that groups the cases it causes. Times are
 * epoch milliseconds, as in the case API. The domain re-checks kinds (configurable), the area
 * against the department tree and the category prefixes against the category tree.
 */
const time = z.number().int().min(0).max(8_640_000_000_000);
const code = z.string().trim().min(1).max(32);
const fields = {
  title: z.string().trim().min(1).max(100),
  kind: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'a kind code such as burst_main'),
  districtCode: code.nullable(),
  streetCode: code.nullable(),
  categoryPrefixes: z.array(code).max(20),
  startsAt: time,
  endsAt: time.nullable(),
  notice: z.string().trim().max(1000),
};

export const IncidentCreateBody = z
  .object({
    ...fields,
    districtCode: fields.districtCode.default(null),
    streetCode: fields.streetCode.default(null),
    categoryPrefixes: fields.categoryPrefixes.default([]),
    endsAt: fields.endsAt.default(null),
    notice: fields.notice.default(''),
  })
  .strict();
export type IncidentCreateBody = z.infer<typeof IncidentCreateBody>;

/** Any of the fields; the status moves only through resolve and reopen. */
export const IncidentPatchBody = z
  .object({
    title: fields.title.optional(),
    kind: fields.kind.optional(),
    districtCode: fields.districtCode.optional(),
    streetCode: fields.streetCode.optional(),
    categoryPrefixes: fields.categoryPrefixes.optional(),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
    notice: fields.notice.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type IncidentPatchBody = z.infer<typeof IncidentPatchBody>;

/** Resolve: when it ended (default now; between its start and now). */
export const IncidentResolveBody = z.object({ endsAt: time.nullable().default(null) }).strict();

export const IncidentStatusEnum = z.enum(['open', 'resolved']);

export const IncidentListQuery = z.object({
  status: IncidentStatusEnum.optional(),
  /** Part of the title or the notice. */
  text: z.string().trim().max(100).optional(),
  /** Incidents active at some time in [from, to]. */
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What the register form knows so far: the open incidents matching it are suggested. */
export const IncidentSuggestQuery = z.object({
  categoryCode: z.string().trim().min(1).max(32),
  districtCode: z.string().trim().max(32).optional(),
  streetCode: z.string().trim().max(32).optional(),
});

export const IncidentIdParams = z.object({ id: z.string().max(64) });

export const IncidentLinkBody = z.object({ caseIds: z.array(z.string().max(64)).min(1).max(200) }).strict();

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  districtCode: z.string().nullable(),
  streetCode: z.string().nullable(),
  categoryPrefixes: z.array(z.string()),
  startsAt: z.number(),
  endsAt: z.number().nullable(),
  notice: z.string(),
  status: IncidentStatusEnum,
});
export const IncidentSummarySchema = IncidentSchema.extend({
  caseCount: z.number().int(),
  openCaseCount: z.number().int(),
});
export const LinkedCaseSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  categoryCode: z.string(),
  urgency: z.string(),
  districtCode: z.string().nullable(),
  streetCode: z.string().nullable(),
  address: z.string(),
  description: z.string(),
  parentCaseId: z.string().nullable(),
  createdAt: z.number(),
});

export const IncidentListResponse = z.object({
  total: z.number().int(),
  items: z.array(IncidentSummarySchema),
  /** The configured kinds, for filters and forms. */
  kinds: z.array(z.string()),
});
export const IncidentResponse = z.object({ incident: IncidentSchema });
export const IncidentDetailResponse = z.object({
  incident: IncidentSummarySchema.extend({ cases: z.array(LinkedCaseSchema) }),
});
export const IncidentSuggestResponse = z.object({ incidents: z.array(IncidentSchema) });
export const IncidentLinkResponse = z.object({
  results: z.array(
    z.union([
      z.object({ caseId: z.string(), ok: z.literal(true), number: z.string(), changed: z.boolean() }),
      z.object({ caseId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
    ]),
  ),
});
