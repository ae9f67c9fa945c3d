import { z } from 'zod';

/**
 * The switch configuration of the call-control protocol (`switch.configure`): pushed by control,
 * validated and cached by the switch so that it authenticates phones and routes calls while
 * control is away (docs/decisions/0302, 0305).
 */

export const PermissionClass = z.enum(['internal', 'local', 'national', 'international']);
export type PermissionClass = z.infer<typeof PermissionClass>;

/** The digest realm of the switch; HA1 values are computed for it (docs/decisions/0305). */
export const SIP_REALM = 'hotline';

/** Digest HA1 = H(user ":" realm ":" password), lower-case hex (RFC 7616 §3.4.2). */
export const Ha1Md5 = z.string().regex(/^[0-9a-f]{32}$/);
export const Ha1Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * An extension. Revision 2 sends `ha1Md5` + `ha1Sha256` instead of the clear `password`; the
 * switch accepts either (a revision-1 control still works) and caches only HA1 values.
 */
export const ExtensionConfig = z
  .object({
    extension: z.string().regex(/^[0-9]{2,8}$/),
    /** Clear digest password (revision 1; still accepted, never cached by the switch). */
    password: z.string().min(4).max(128).optional(),
    ha1Md5: Ha1Md5.optional(),
    ha1Sha256: Ha1Sha256.optional(),
    displayName: z.string().max(100).default(''),
    permission: PermissionClass.default('internal'),
  })
  .refine((e) => e.password !== undefined || e.ha1Md5 !== undefined || e.ha1Sha256 !== undefined, {
    message: 'an extension needs a password or its HA1 values',
  });
export type ExtensionConfig = z.infer<typeof ExtensionConfig>;

export const TrunkConfig = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(100).default(''),
  /** Where outbound calls go. */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(5060),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  /** Inbound: source addresses allowed to deliver calls. */
  allowFrom: z.array(z.string()).default([]),
  /** Inbound by registration: the carrier registers as this user with this password. */
  inboundUser: z.string().optional(),
  /** Clear password of `inboundUser` (revision 1); revision 2 sends the HA1 values instead. */
  inboundPassword: z.string().optional(),
  inboundHa1Md5: Ha1Md5.optional(),
  inboundHa1Sha256: Ha1Sha256.optional(),
  /**
   * Outbound digest credentials, used when the carrier challenges. The password stays in clear:
   * we must answer the carrier's challenge for a realm we learn only from it (decision 0305).
   */
  username: z.string().optional(),
  password: z.string().optional(),
  /** Presented calling number (caller-ID rule); empty = the extension's number. */
  callerId: z.string().default(''),
  /** Area code of the trunk's region, for number normalisation (e.g. "571"). */
  areaCode: z
    .string()
    .regex(/^[0-9]{0,4}$/)
    .default(''),
  maxCalls: z.number().int().min(1).max(100_000).default(30),
});
export type TrunkConfig = z.infer<typeof TrunkConfig>;

export const RouteTarget = z.discriminatedUnion('type', [
  /** Offer the call to control (IVR flow / ACD); falls back when no control is connected. */
  z.object({ type: z.literal('control'), flow: z.string().default('main') }),
  z.object({ type: z.literal('extension'), extension: z.string() }),
  z.object({ type: z.literal('group'), extensions: z.array(z.string()).min(1) }),
]);
export type RouteTarget = z.infer<typeof RouteTarget>;

export const DidRoute = z.object({
  did: z.string().regex(/^[0-9+]{2,20}$/),
  target: RouteTarget,
  record: z.boolean().default(true),
});
export type DidRoute = z.infer<typeof DidRoute>;

export const OutboundRoute = z.object({
  /** Regular expression on the normalised number. */
  pattern: z.string().min(1).max(200),
  trunkId: z.string(),
});
export type OutboundRoute = z.infer<typeof OutboundRoute>;

export const SwitchConfig = z.object({
  version: z.number().int().nonnegative().default(0),
  /** Digest realm of challenges; HA1 values must be computed for it. */
  realm: z.string().min(1).max(100).default(SIP_REALM),
  extensions: z.array(ExtensionConfig).default([]),
  trunks: z.array(TrunkConfig).default([]),
  dids: z.array(DidRoute).default([]),
  outbound: z.array(OutboundRoute).default([]),
  fallback: z
    .object({
      extensions: z.array(z.string()).default([]),
      ringSeconds: z.number().int().min(1).max(300).default(30),
    })
    .default({ extensions: [], ringSeconds: 30 }),
  /** Outbound calls per extension per 10 minutes above which an `alert` is raised. */
  outboundAlertPer10Min: z.number().int().min(1).default(20),
  recordByDefault: z.boolean().default(true),
});
export type SwitchConfig = z.infer<typeof SwitchConfig>;
