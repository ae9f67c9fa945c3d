import { z } from 'zod';

/** In-app notifications: work-order deadline warnings and breaches (SMS/email later). */
export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CaseNotificationSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  partyId: z.string(),
  departmentId: z.string().nullable(),
  clock: z.enum(['sign', 'finish']),
  level: z.enum(['warning', 'breach']),
  /** Epoch ms it fell due: the warning instant, or the deadline for a breach. */
  dueAt: z.number(),
  deadline: z.number().nullable(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});
export type CaseNotification = z.infer<typeof CaseNotificationSchema>;

export const NotificationsResponse = z.object({
  items: z.array(CaseNotificationSchema),
  unread: z.number().int(),
  hasMore: z.boolean(),
});

/** Mark the given notifications read, or all of the caller's with `all: true`. */
export const MarkNotificationsReadBody = z.union([
  z
    .object({
      ids: z
        .array(z.string().regex(/^\d{1,18}$/))
        .min(1)
        .max(500),
    })
    .strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export const MarkNotificationsReadResponse = z.object({ updated: z.number().int() });
