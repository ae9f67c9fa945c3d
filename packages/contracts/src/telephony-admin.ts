import { z } from 'zod';
import { PermissionClass } from './call-control.ts';

/**
 * Administration of the switch configuration (extensions, trunks, DIDs, outbound routes) as control
 * keeps it. Bodies accept secrets (SIP passwords) on write; responses never carry them, only
 * whether one is set. Every change is audited and pushed to the switch (`switch.configure`).
 */

const digits = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[0-9]{${min},${max}}$`), `${what}: ${min}–${max} digits`);

/** SIP digest passwords: printable ASCII, no spaces (phones type them on keypads and web forms). */
export const SipPassword = z
  .string()
  .min(8, 'at least 8 characters')
  .max(128, 'at most 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const displayName = z.string().trim().max(100, 'at most 100 characters');

export const ExtensionNumber = digits(2, 8, 'extension');

export const ExtensionCreateBody = z
  .object({
    extension: ExtensionNumber,
    password: SipPassword,
    displayName: displayName.default(''),
    permission: PermissionClass.default('internal'),
    userId: z.uuid().nullable().default(null),
  })
  .strict();
export type ExtensionCreateBody = z.infer<typeof ExtensionCreateBody>;

export const ExtensionPatchBody = z
  .object({
    /** A new password; omit to keep the current one. */
    password: SipPassword.optional(),
    displayName: displayName.optional(),
    permission: PermissionClass.optional(),
    userId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type ExtensionPatchBody = z.infer<typeof ExtensionPatchBody>;

export const ExtensionView = z.object({
  extension: z.string(),
  displayName: z.string(),
  permission: PermissionClass,
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  passwordSet: z.boolean(),
  createdAt: z.string(),
});
export type ExtensionView = z.infer<typeof ExtensionView>;

/** An IPv4 address with an optional port, or an IPv6 address (the switch matches `host` or `host:port`). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function isAllowFromEntry(s: string): boolean {
  const m = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(s);
  if (m) return IPV4.test(m[1]!) && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 65535));
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':') && s.split('::').length <= 2 && s.length <= 39;
}
const AllowFrom = z
  .string()
  .trim()
  .refine(isAllowFromEntry, 'an IPv4 address (optionally :port) or an IPv6 address; ranges are not supported');

/** A host name or IP address for outbound calls. */
const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9a-fA-F:]+$/,
    {
      message: 'a host name or IP address',
    },
  );

const SipUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._+-]+$/, 'letters, digits and . _ + -');
/** Presented calling number: empty (the extension's number) or digits with an optional +. */
const CallerId = z
  .string()
  .trim()
  .regex(/^(\+?[0-9]{3,20})?$/, 'empty, or 3–20 digits with an optional +');
/** Area code without the trunk 0 (`10`, `571`). */
const AreaCode = z
  .string()
  .trim()
  .regex(/^([1-9][0-9]{1,2})?$/, 'empty, or 2–3 digits without the leading 0 (e.g. 571)');

const trunkFields = {
  name: z.string().trim().max(100),
  host: Host,
  port: z.number().int().min(1).max(65535),
  transport: z.enum(['udp', 'tcp']),
  allowFrom: z.array(AllowFrom).max(64),
  /** Inbound by registration: the carrier registers with this user name (null: by address only). */
  inboundUser: SipUser.nullable(),
  /** Outbound digest user name. */
  username: SipUser.nullable(),
  callerId: CallerId,
  areaCode: AreaCode,
  maxCalls: z.number().int().min(1).max(100_000),
};

export const TrunkCreateBody = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case letters, digits and -'),
    name: trunkFields.name.default(''),
    host: trunkFields.host,
    port: trunkFields.port.default(5060),
    transport: trunkFields.transport.default('udp'),
    allowFrom: trunkFields.allowFrom.default([]),
    inboundUser: trunkFields.inboundUser.default(null),
    inboundPassword: SipPassword.nullable().default(null),
    username: trunkFields.username.default(null),
    password: SipPassword.nullable().default(null),
    callerId: trunkFields.callerId.default(''),
    areaCode: trunkFields.areaCode.default(''),
    maxCalls: trunkFields.maxCalls.default(30),
  })
  .strict();
export type TrunkCreateBody = z.infer<typeof TrunkCreateBody>;

/** Passwords: omit to keep, `null` to clear, a string to set. */
export const TrunkPatchBody = z
  .object({
    name: trunkFields.name.optional(),
    host: trunkFields.host.optional(),
    port: trunkFields.port.optional(),
    transport: trunkFields.transport.optional(),
    allowFrom: trunkFields.allowFrom.optional(),
    inboundUser: trunkFields.inboundUser.optional(),
    inboundPassword: SipPassword.nullable().optional(),
    username: trunkFields.username.optional(),
    password: SipPassword.nullable().optional(),
    callerId: trunkFields.callerId.optional(),
    areaCode: trunkFields.areaCode.optional(),
    maxCalls: trunkFields.maxCalls.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type TrunkPatchBody = z.infer<typeof TrunkPatchBody>;

export const TrunkView = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  transport: z.enum(['udp', 'tcp']),
  allowFrom: z.array(z.string()),
  inboundUser: z.string().nullable(),
  inboundPasswordSet: z.boolean(),
  username: z.string().nullable(),
  passwordSet: z.boolean(),
  callerId: z.string(),
  areaCode: z.string(),
  maxCalls: z.number(),
  /** Outbound routes that use this trunk. */
  routes: z.number(),
  createdAt: z.string(),
});
export type TrunkView = z.infer<typeof TrunkView>;

const Did = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{2,20}$/, 'did: 2–20 digits with an optional +');
const Flow = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'flow: lower-case letters, digits, _ and -');
/** What a DID reaches: an IVR flow of control, one extension, or a ring group of extensions. */
export const DidTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('control'), flow: Flow.default('main') }).strict(),
  z.object({ type: z.literal('extension'), extension: ExtensionNumber }).strict(),
  z
    .object({ type: z.literal('group'), extensions: z.array(ExtensionNumber).min(1, 'at least one extension').max(50) })
    .strict(),
]);
export type DidTarget = z.infer<typeof DidTarget>;

export const DidCreateBody = z.object({ did: Did, target: DidTarget, record: z.boolean().default(true) }).strict();
export type DidCreateBody = z.infer<typeof DidCreateBody>;
export const DidPatchBody = z
  .object({ target: DidTarget.optional(), record: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type DidPatchBody = z.infer<typeof DidPatchBody>;
export const DidView = z.object({ did: z.string(), target: DidTarget, record: z.boolean(), createdAt: z.string() });
export type DidView = z.infer<typeof DidView>;

/** A regular expression on the normalised dialled number (E.164 without +, or national digits). */
export const RoutePattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'pattern: not a valid regular expression' },
  );

export const OutboundRouteCreateBody = z
  .object({
    pattern: RoutePattern,
    trunkId: z.string().trim().min(1).max(64),
    /** 0 first; omitted: after the last route. */
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type OutboundRouteCreateBody = z.infer<typeof OutboundRouteCreateBody>;
export const OutboundRoutePatchBody = z
  .object({
    pattern: RoutePattern.optional(),
    trunkId: z.string().trim().min(1).max(64).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type OutboundRoutePatchBody = z.infer<typeof OutboundRoutePatchBody>;
export const OutboundRouteView = z.object({
  id: z.number(),
  pattern: z.string(),
  trunkId: z.string(),
  position: z.number(),
});
export type OutboundRouteView = z.infer<typeof OutboundRouteView>;

export const ExtensionParams = z.object({ extension: ExtensionNumber });
export const TrunkParams = z.object({ id: z.string().min(1).max(64) });
export const DidParams = z.object({ did: Did });
export const OutboundRouteParams = z.object({ id: z.coerce.number().int().positive() });

/** After every change: whether the switch was connected to receive the new configuration. */
export const SwitchPush = z.object({ connected: z.boolean() });
export type SwitchPush = z.infer<typeof SwitchPush>;

export const ExtensionsResponse = z.object({ extensions: z.array(ExtensionView) });
export const ExtensionResponse = z.object({ extension: ExtensionView, switch: SwitchPush });
export const TrunksResponse = z.object({ trunks: z.array(TrunkView) });
export const TrunkResponse = z.object({ trunk: TrunkView, switch: SwitchPush });
export const DidsResponse = z.object({ dids: z.array(DidView) });
export const DidResponse = z.object({ did: DidView, switch: SwitchPush });
export const OutboundRoutesResponse = z.object({ routes: z.array(OutboundRouteView) });
export const OutboundRouteResponse = z.object({ route: OutboundRouteView, switch: SwitchPush });
export const TelephonyDeletedResponse = z.object({ deleted: z.string(), switch: SwitchPush });
