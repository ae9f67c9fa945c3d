import { z } from 'zod';

/** Every error response: `{ error: { code, message } }` with a stable code. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const Uuid = z.uuid();
export const Ok = z.object({ ok: z.literal(true) });

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
