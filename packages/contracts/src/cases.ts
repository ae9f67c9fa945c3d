import { z } from 'zod';

/** Work-order (工单) REST bodies and queries. The domain re-checks everything these admit. */
const text = (max = 4000) => z.string().trim().min(1).max(max);

export const CaseTypeEnum = z.enum(['consultation', 'complaint', 'report', 'repair', 'suggestion', 'help', 'praise']);
export const CaseChannelEnum = z.enum(['phone', 'web', 'open311', 'sms', 'email', 'wechat', 'walkin', 'inspector']);
export const UrgencyEnum = z.enum(['normal', 'urgent', 'critical']);
export const DurationSchema = z.object({
  unit: z.enum(['hours', 'working_days', 'days']),
  amount: z.number().positive().max(365),
});
/**
 * An attachment is either an uploaded file (`fileId` from `POST /api/v1/files`; its name, size and
 * type come from the upload) or an external link (`url`, e.g. an Open311 `media_url`).
 */
export const AttachmentSchema = z.union([
  z.object({ fileId: z.uuid() }).strict(),
  z
    .object({
      kind: z.enum(['file', 'recording', 'image']),
      name: z.string().min(1).max(200),
      url: z.url({ protocol: /^https?$/ }).max(1000),
    })
    .strict(),
]);

export const CaseIntakeBody = z.object({
  channel: CaseChannelEnum.default('phone'),
  type: CaseTypeEnum,
  categoryCode: z.string().max(32),
  urgency: UrgencyEnum.default('normal'),
  caller: z.object({
    name: z.string().max(100).nullable().default(null),
    phone: z
      .string()
      .regex(/^\+?[0-9-]{3,20}$/)
      .nullable()
      .default(null),
    confidential: z.boolean().default(false),
  }),
  address: z.object({
    text: z.string().max(500).default(''),
    districtCode: z.string().max(32).nullable().default(null),
    streetCode: z.string().max(32).nullable().default(null),
    community: z.string().max(100).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lng: z.number().min(-180).max(180).nullable().default(null),
  }),
  description: text(),
  expectation: z.string().max(1000).nullable().default(null),
  attachments: z.array(AttachmentSchema).max(20).default([]),
});
export type CaseIntakeBody = z.infer<typeof CaseIntakeBody>;

/** A call (CDR leg id or SIP Call-ID) or a recording linked to a case. */
export const CaseLinkRef = z.object({ kind: z.enum(['call', 'recording']), ref: text(200) }).strict();
/**
 * Registering: the intake, plus what the new case is linked to in the same transaction — the call
 * the screen pop was opened for, the open incident the register page suggested.
 */
export const CaseRegisterBody = CaseIntakeBody.extend({
  links: z.array(CaseLinkRef).max(10).default([]),
  incidentId: z.uuid().nullable().default(null),
});
export type CaseRegisterBody = z.infer<typeof CaseRegisterBody>;

const id = z.string().max(64);
export const CaseCommandBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer_directly'), answer: text() }),
  z.object({
    type: z.literal('dispatch'),
    parties: z
      .array(z.object({ departmentId: z.uuid(), role: z.enum(['lead', 'co']) }))
      .min(1)
      .max(10),
    note: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('sign'), partyId: id }),
  z.object({
    type: z.literal('return'),
    partyId: id,
    reason: z.enum(['not_our_duty', 'not_our_area', 'info_incomplete', 'duplicate', 'legal_process', 'other']),
    note: text(1000),
  }),
  z.object({
    type: z.literal('arbitrate'),
    partyId: id,
    decision: z.enum(['reject', 'redispatch', 'fallback', 'take_back']),
    departmentId: z.uuid().optional(),
    note: z.string().max(1000).optional(),
  }),
  z.object({
    type: z.literal('redispatch_down'),
    partyId: id,
    departmentId: z.uuid(),
    dueAt: z.number().int().optional(),
    note: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('request_extension'), partyId: id, extra: DurationSchema, reason: text(1000) }),
  z.object({
    type: z.literal('decide_extension'),
    requestId: id,
    approve: z.boolean(),
    note: z.string().max(1000).optional(),
  }),
  z.object({
    type: z.literal('reply'),
    partyId: id,
    content: text(),
    attachments: z.array(AttachmentSchema).max(20).optional(),
  }),
  z.object({ type: z.literal('review'), partyId: id, accept: z.boolean(), note: z.string().max(1000).optional() }),
  z.object({ type: z.literal('urge'), partyId: id.optional(), note: text(1000) }),
  z.object({ type: z.literal('supervise'), partyId: id.optional(), note: text(1000) }),
  z.object({ type: z.literal('instruct'), text: text(2000) }),
  z.object({
    type: z.literal('record_callback'),
    reached: z.boolean(),
    resolved: z.boolean().optional(),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']).optional(),
    note: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('reopen'), chargedPartyId: id, reason: text(1000) }),
  z.object({
    type: z.literal('close'),
    reason: z.enum(['satisfied', 'answered', 'unreachable', 'duplicate', 'withdrawn', 'finished']),
    note: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('link_duplicate'), parentCaseId: z.uuid() }),
  z.object({ type: z.literal('link_incident'), incidentId: z.uuid().nullable() }),
  z.object({ type: z.literal('link'), kind: z.enum(['call', 'message', 'recording']), ref: text(200) }),
]);
export type CaseCommandBody = z.infer<typeof CaseCommandBody>;

export const CaseIdParams = z.object({ id: z.uuid() });

export const CaseView = z.looseObject({ id: z.string(), number: z.string(), status: z.string() });
export const CaseResponse = z.object({ case: CaseView });

export const QueueItem = z.looseObject({ caseId: z.string(), number: z.string(), caseStatus: z.string() });
export const QueueResponse = z.object({ items: z.array(QueueItem), hasMore: z.boolean() });

export const CenterQueueQuery = z.object({
  queue: z.enum(['to_dispatch', 'returned', 'extension', 'to_review', 'callback', 'overdue', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const DepartmentQueueQuery = z.object({
  queue: z.enum(['to_sign', 'in_progress', 'due_soon', 'overdue', 'returned', 'to_review']).default('to_sign'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const MetricsQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(['none', 'department', 'category', 'region', 'period']).default('none'),
  periodUnit: z.enum(['day', 'month', 'year']).default('month'),
  categoryLevel: z.coerce.number().int().min(1).max(3).default(3),
});
const Ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
const MetricSetSchema = z.record(z.string(), Ratio);
export const MetricsResponse = z.object({
  formulas: z.record(z.string(), z.object({ zh: z.string(), en: z.string(), formula: z.string() })),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      current: MetricSetSchema,
      previous: MetricSetSchema,
      yearAgo: MetricSetSchema,
    }),
  ),
});

export const FollowQuery = z.object({ number: z.string().max(40), phone: z.string().max(20) });
export const FollowResponse = z.object({
  number: z.string(),
  status: z.string(),
  createdAt: z.string(),
  /** `kind` is the event type behind the step (the UI translates it); `step` is the Chinese label. */
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), step: z.string(), text: z.string().nullable() })),
});
export const PublicSubmitBody = CaseIntakeBody.omit({ channel: true, attachments: true }).extend({
  caller: z.object({
    name: z.string().max(100).nullable().default(null),
    phone: z.string().regex(/^\+?[0-9-]{3,20}$/),
    confidential: z.boolean().default(false),
  }),
});
export const PublicSubmitResponse = z.object({ number: z.string() });

export const DeadlinePreviewQuery = z.object({
  categoryCode: z.string().max(32),
  urgency: UrgencyEnum.default('normal'),
});
export const DeadlinePreviewResponse = z.object({
  timeLimit: z.object({ sign: DurationSchema, finish: DurationSchema }),
  signDeadline: z.number(),
  finishDeadline: z.number(),
});
