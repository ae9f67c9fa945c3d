import { z } from 'zod';

/** CRM REST bodies and queries (customers, screen pop, import, caller lists). The domain re-checks. */
export const CustomerPhoneBody = z.object({
  number: z.string().trim().min(1).max(64),
  label: z.string().max(40).nullable().optional(),
});
export const CustomerBody = z.object({
  kind: z.enum(['person', 'organization']),
  name: z.string().trim().min(1).max(200),
  idNumber: z.string().trim().max(32).nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
  phones: z.array(CustomerPhoneBody).max(20).default([]),
});
export const CustomerSearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const CustomerIdParams = z.object({ id: z.uuid() });
export const ScreenPopQuery = z
  .object({
    number: z.string().max(200).optional(),
    account: z.string().max(64).optional(),
    schemaId: z.string().max(64).optional(),
  })
  .refine((q) => Boolean(q.number) !== Boolean(q.account), { message: 'give exactly one of number or account' });
export const CrmImportBody = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** csv: the text; xlsx: the file as base64. */
  data: z.string().min(1).max(30_000_000),
  fileName: z.string().max(200).optional(),
  schemaId: z.string().max(64).nullable().optional(),
  defaultAreaCode: z
    .string()
    .regex(/^0?\d{2,3}$/)
    .optional(),
});
export const CrmImportResponse = z.object({
  ok: z.boolean(),
  total: z.number(),
  valid: z.number(),
  imported: z.number(),
  problems: z.array(z.object({ row: z.number(), column: z.string().nullable(), message: z.string() })),
});
export const CallerListEnum = z.enum(['black', 'white', 'vip']);
export const ListEntryBody = z.object({
  list: CallerListEnum,
  number: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
  action: z.enum(['reject', 'hangup', 'warn', 'priority', 'direct']).nullable().optional(),
  priority: z.number().int().min(0).max(100).optional(),
  expiresAt: z.iso.datetime().nullable().optional(),
  customerId: z.uuid().nullable().optional(),
});
export const ListQuery = z.object({ list: CallerListEnum });
export const ListEntryParams = z.object({ id: z.uuid() });
export const RemoveListEntryBody = z.object({ reason: z.string().trim().min(1).max(500) });
/** An account (户号) of a customer: fields follow the account schema; every change is kept in the history. */
export const AccountBody = z.object({
  schemaId: z.string().trim().min(1).max(64),
  accountNumber: z.string().trim().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
  reason: z.string().max(500).nullable().optional(),
});
export const AccountIdParams = z.object({ id: z.uuid() });
