import { z } from 'zod';
import { SwitchConfig } from './call-control-config.ts';

export * from './call-control-config.ts';

/**
 * The call-control protocol between control and the switch (ARCHITECTURE §4), version 1.
 * JSON text frames over WebSocket (or an in-process loopback). Every message carries `v`, `id`
 * (unique per sender) and `ts` (ms since the epoch). Control sends `hello` first, then commands;
 * the switch answers each command with one `reply` (ok or a coded error) and is idempotent by
 * command id: a repeated id gets the first reply again and changes nothing. Events carry a
 * monotonic `seq`; the switch keeps every event until control acknowledges it (`event.ack`) and
 * replays the rest after a reconnect, after a full `snapshot`.
 *
 * Additions to the §4 list (kept backwards compatible, see docs/decisions/0301):
 * commands `leg.transfer`, `switch.configure`, `switch.snapshot`; events `leg.held`, `leg.unheld`,
 * `leg.transferred`, `alert`.
 *
 * Revision 2 (docs/decisions/0304, still `v: 1` — every addition is optional or new): events `ban`
 * and `unban` (the SIP guard), commands `switch.bans` and `switch.unban`, `bans` in the snapshot,
 * HA1 credentials in the configuration, `revision` in `hello`/`welcome`. A receiver acknowledges an
 * event type it does not know (so a newer switch never wedges an older control's queue).
 */
export const CALL_CONTROL_VERSION = 1 as const;
/** Additive revision of version 1 this code speaks. */
export const CALL_CONTROL_REVISION = 2 as const;

const Id = z.string().min(1).max(64);
const Digits = z.string().regex(/^[0-9*#A-D]{1,64}$/);
const base = { v: z.literal(CALL_CONTROL_VERSION), id: Id, ts: z.number().int().nonnegative() };

// ---------------------------------------------------------------------------------------------
// Bans of the SIP guard (revision 2; docs/decisions/0102, 0304)

export const BanKind = z.enum(['ip', 'user']);
export type BanKind = z.infer<typeof BanKind>;
/** An IP address or an extension / user name. */
export const BanKey = z.string().min(1).max(200);
export const BanView = z.object({
  kind: BanKind,
  key: BanKey,
  reason: z.enum(['auth-failures', 'scanner', 'rate-limit']),
  /** ms since the epoch. */
  since: z.number(),
  until: z.number(),
  failures: z.number().int().nonnegative(),
});
export type BanView = z.infer<typeof BanView>;

// ---------------------------------------------------------------------------------------------
// Commands (control → switch)

export const PlayItem = z.union([
  z.object({ file: z.string().min(1).max(1000) }),
  z.object({
    tone: z.enum(['dial', 'ringback', 'busy', 'congestion']),
    durationMs: z.number().int().positive().optional(),
  }),
  z.object({ silenceMs: z.number().int().positive().max(600_000) }),
]);
export type PlayItem = z.infer<typeof PlayItem>;

const leg = { legId: Id };
export const CallControlCommand = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('leg.answer'), ...leg }),
  z.object({
    ...base,
    type: z.literal('leg.hangup'),
    ...leg,
    /** SIP status for a leg not yet answered (default 480); BYE otherwise. */
    status: z.number().int().min(400).max(699).optional(),
    q850: z.number().int().min(1).max(127).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('leg.play'),
    ...leg,
    items: z.array(PlayItem).min(1).max(50),
    loop: z.boolean().default(false),
    stopOnDtmf: z.boolean().default(false),
    playId: Id.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('leg.say'),
    ...leg,
    text: z.string().min(1).max(2000),
    voice: z.string().max(40).default('cmn'),
    stopOnDtmf: z.boolean().default(false),
    playId: Id.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('leg.collect'),
    ...leg,
    maxDigits: z.number().int().min(1).max(64).default(1),
    terminators: z
      .string()
      .regex(/^[*#]{0,2}$/)
      .default('#'),
    firstDigitTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    interDigitTimeoutMs: z.number().int().min(100).max(60_000).default(3000),
  }),
  z.object({
    ...base,
    type: z.literal('leg.record'),
    ...leg,
    maxMs: z.number().int().positive().max(3_600_000).default(120_000),
  }),
  z.object({ ...base, type: z.literal('leg.stopMedia'), ...leg }),
  z.object({
    ...base,
    type: z.literal('leg.originate'),
    /** Chosen by control so that the command is idempotent; generated when absent. */
    legId: Id.optional(),
    /** An extension, a number through an outbound route, or a full sip: URI. */
    to: z.string().min(1).max(200),
    from: z.string().max(64).optional(),
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    /** Place the media near this leg so that they can be bridged. */
    near: Id.optional(),
    /** Bridge with this leg when answered (rings it back meanwhile). */
    bridgeWith: Id.optional(),
  }),
  z.object({ ...base, type: z.literal('leg.hold'), ...leg }),
  z.object({ ...base, type: z.literal('leg.unhold'), ...leg }),
  z.object({ ...base, type: z.literal('leg.dtmf'), ...leg, digits: Digits }),
  z.object({
    ...base,
    type: z.literal('leg.transfer'),
    ...leg,
    /** Blind: the leg's bridge partner is connected to this destination; the leg is hung up. */
    to: z.string().min(1).max(200).optional(),
    /** Attended: the leg's partner is bridged with `withLegId`'s partner; both legs are hung up. */
    withLegId: Id.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('bridge.create'),
    bridgeId: Id.optional(),
    legIds: z.array(Id).min(1).max(32),
    record: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('bridge.add'), bridgeId: Id, legId: Id }),
  z.object({ ...base, type: z.literal('bridge.remove'), bridgeId: Id, legId: Id }),
  z.object({ ...base, type: z.literal('bridge.destroy'), bridgeId: Id, hangup: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal('bridge.listen'), bridgeId: Id, legId: Id }),
  z.object({ ...base, type: z.literal('bridge.whisper'), bridgeId: Id, legId: Id, toLegId: Id }),
  z.object({ ...base, type: z.literal('bridge.barge'), bridgeId: Id, legId: Id }),
  z.object({ ...base, type: z.literal('recording.start'), bridgeId: Id, recordingId: Id.optional() }),
  z.object({ ...base, type: z.literal('recording.pause'), recordingId: Id }),
  z.object({ ...base, type: z.literal('recording.resume'), recordingId: Id }),
  z.object({ ...base, type: z.literal('recording.stop'), recordingId: Id }),
  z.object({ ...base, type: z.literal('switch.configure'), config: SwitchConfig }),
  z.object({ ...base, type: z.literal('switch.snapshot'), withMedia: z.boolean().default(false) }),
  // Revision 2: the SIP guard's bans (result `{ bans: BanView[] }` / `{ lifted: boolean }`).
  z.object({ ...base, type: z.literal('switch.bans') }),
  z.object({ ...base, type: z.literal('switch.unban'), kind: BanKind, key: BanKey }),
]);
export type CallControlCommand = z.infer<typeof CallControlCommand>;
export type CallControlCommandType = CallControlCommand['type'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as control writes it: `v`, `id` and `ts` are filled in by the client. */
export type CommandInput = DistributiveOmit<z.input<typeof CallControlCommand>, 'v' | 'id' | 'ts'>;

export const Hello = z.object({
  ...base,
  type: z.literal('hello'),
  token: z.string().min(1).max(512),
  /** Name of the control instance (for logs). */
  name: z.string().max(100).default('control'),
  /** Revision of the protocol control speaks (absent: 1). */
  revision: z.number().int().min(1).max(1000).optional(),
});
export type Hello = z.infer<typeof Hello>;

export const EventAck = z.object({ ...base, type: z.literal('event.ack'), upTo: z.number().int().nonnegative() });
export type EventAck = z.infer<typeof EventAck>;

export const ControlToSwitch = z.union([Hello, EventAck, CallControlCommand]);
export type ControlToSwitch = z.infer<typeof ControlToSwitch>;

// ---------------------------------------------------------------------------------------------
// Replies, snapshot and events (switch → control)

export const CallControlErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'not_found',
  'conflict',
  'illegal_transition',
  'unavailable',
  'forbidden',
  'internal',
]);
export type CallControlErrorCode = z.infer<typeof CallControlErrorCode>;

export const Reply = z.object({
  ...base,
  type: z.literal('reply'),
  /** The command's id. */
  re: Id,
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.object({ code: CallControlErrorCode, message: z.string() }).optional(),
});
export type Reply = z.infer<typeof Reply>;

export const LegState = z.enum(['offered', 'calling', 'ringing', 'early', 'answered', 'ending', 'ended']);
export const HoldState = z.enum(['none', 'local', 'remote', 'both']);

export const LegView = z.object({
  legId: Id,
  direction: z.enum(['inbound', 'outbound']),
  state: LegState,
  hold: HoldState,
  callId: z.string(),
  caller: z.string(),
  callee: z.string(),
  trunkId: z.string().nullable(),
  extension: z.string().nullable(),
  bridgeId: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  media: z.object({ packetsReceived: z.number(), packetsSent: z.number(), localPort: z.number() }).optional(),
});
export type LegView = z.infer<typeof LegView>;

export const BridgeView = z.object({
  bridgeId: Id,
  members: z.array(
    z.object({ legId: Id, mode: z.enum(['full', 'listen', 'whisper', 'barge']), whisperTo: Id.optional() }),
  ),
  recordingId: z.string().nullable(),
  createdAt: z.number(),
});
export type BridgeView = z.infer<typeof BridgeView>;

export const RegistrationView = z.object({
  extension: z.string(),
  contact: z.string(),
  source: z.string(),
  expiresAt: z.number(),
  userAgent: z.string(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const Snapshot = z.object({
  ...base,
  type: z.literal('snapshot'),
  switchId: z.string(),
  startedAt: z.number(),
  configVersion: z.number(),
  legs: z.array(LegView),
  bridges: z.array(BridgeView),
  registrations: z.array(RegistrationView),
  /** Revision 2: the guard's current bans. */
  bans: z.array(BanView).optional(),
  /** Highest event seq sent so far; unacknowledged events follow the snapshot. */
  lastSeq: z.number(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const HangupCause = z.object({
  /** SIP status that ended the leg (200 for a normal BYE after answer). */
  sip: z.number().int(),
  /** ITU-T Q.850 cause value (16 normal clearing, 17 busy, 19 no answer, 21 rejected …). */
  q850: z.number().int(),
  text: z.string(),
  by: z.enum(['local', 'remote', 'control', 'system']),
});
export type HangupCause = z.infer<typeof HangupCause>;

export const Cdr = z.object({
  legId: Id,
  callId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  caller: z.string(),
  callee: z.string(),
  trunkId: z.string().nullable(),
  extension: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number(),
  cause: HangupCause,
  bridgeIds: z.array(z.string()),
});
export type Cdr = z.infer<typeof Cdr>;

const ev = { ...base, seq: z.number().int().positive() };
export const CallControlEvent = z.discriminatedUnion('type', [
  z.object({
    ...ev,
    type: z.literal('leg.offered'),
    legId: Id,
    direction: z.enum(['inbound', 'outbound']),
    caller: z.string(),
    callee: z.string(),
    did: z.string().nullable(),
    trunkId: z.string().nullable(),
    extension: z.string().nullable(),
    /** Who decides what happens next: the switch (static route) or control (flow). */
    routedBy: z.enum(['switch', 'control', 'fallback']),
    flow: z.string().nullable(),
  }),
  z.object({ ...ev, type: z.literal('leg.ringing'), legId: Id, early: z.boolean() }),
  z.object({ ...ev, type: z.literal('leg.answered'), legId: Id }),
  z.object({
    ...ev,
    type: z.literal('leg.dtmf'),
    legId: Id,
    digit: z.string(),
    source: z.enum(['rfc4733', 'inband', 'info']),
  }),
  z.object({ ...ev, type: z.literal('leg.playDone'), legId: Id, playId: Id, reason: z.string() }),
  z.object({
    ...ev,
    type: z.literal('leg.collected'),
    legId: Id,
    digits: z.string(),
    reason: z.enum(['max', 'terminator', 'timeout']),
  }),
  z.object({ ...ev, type: z.literal('leg.hungup'), legId: Id, cause: HangupCause, cdr: Cdr }),
  z.object({ ...ev, type: z.literal('leg.held'), legId: Id, by: z.enum(['local', 'remote']) }),
  z.object({ ...ev, type: z.literal('leg.unheld'), legId: Id, by: z.enum(['local', 'remote']) }),
  z.object({
    ...ev,
    type: z.literal('leg.transferred'),
    legId: Id,
    to: z.string(),
    kind: z.enum(['blind', 'attended']),
  }),
  z.object({ ...ev, type: z.literal('bridge.created'), bridgeId: Id, legIds: z.array(Id) }),
  z.object({ ...ev, type: z.literal('bridge.joined'), bridgeId: Id, legId: Id, mode: z.string() }),
  z.object({ ...ev, type: z.literal('bridge.left'), bridgeId: Id, legId: Id }),
  z.object({ ...ev, type: z.literal('bridge.destroyed'), bridgeId: Id }),
  z.object({
    ...ev,
    type: z.literal('recording.closed'),
    recordingId: Id,
    bridgeId: z.string().nullable(),
    legIds: z.array(Id),
    path: z.string(),
    durationMs: z.number(),
    bytes: z.number(),
    sha256: z.string(),
    startedAt: z.number(),
  }),
  z.object({
    ...ev,
    type: z.literal('endpoint.registered'),
    extension: z.string(),
    contact: z.string(),
    source: z.string(),
    expiresAt: z.number(),
  }),
  z.object({
    ...ev,
    type: z.literal('endpoint.unregistered'),
    extension: z.string(),
    reason: z.enum(['expired', 'removed']),
  }),
  z.object({
    ...ev,
    type: z.literal('alert'),
    kind: z.enum(['auth_failed', 'unauthenticated_external', 'permission_denied', 'outbound_volume', 'trunk_limit']),
    source: z.string(),
    detail: z.string(),
  }),
  // Revision 2: the guard banned a source IP or locked a user, or lifted it (expiry or `switch.unban`).
  z.object({ ...ev, type: z.literal('ban'), ban: BanView }),
  z.object({ ...ev, type: z.literal('unban'), ban: BanView, by: z.enum(['expiry', 'control']) }),
]);
export type CallControlEvent = z.infer<typeof CallControlEvent>;
export type CallControlEventType = CallControlEvent['type'];

export const Welcome = z.object({
  ...base,
  type: z.literal('welcome'),
  snapshot: Snapshot,
  /** Revision of the protocol the switch speaks (absent: 1). */
  revision: z.number().int().min(1).max(1000).optional(),
});
export type Welcome = z.infer<typeof Welcome>;

export const SwitchToControl = z.union([Welcome, Reply, CallControlEvent]);
export type SwitchToControl = z.infer<typeof SwitchToControl>;

/** Parses one frame (text) from control; hostile input becomes an error value, never a throw. */
export function parseControlFrame(text: string): { ok: true; msg: ControlToSwitch } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = ControlToSwitch.safeParse(json);
  if (r.success) return { ok: true, msg: r.data };
  return {
    ok: false,
    error: r.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ')
      .slice(0, 500),
  };
}

const KNOWN_SWITCH_FRAMES = new Set<string>([
  'welcome',
  'reply',
  ...CallControlEvent.options.map((o) => o.shape.type.value as string),
]);

/**
 * Parses one frame from the switch. An event of a type this code does not know (a newer switch)
 * is an error with `unknownEventSeq`, so that the receiver can acknowledge it and go on.
 */
export function parseSwitchFrame(
  text: string,
): { ok: true; msg: SwitchToControl } | { ok: false; error: string; unknownEventSeq?: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = SwitchToControl.safeParse(json);
  if (r.success) return { ok: true, msg: r.data };
  const j = json as { v?: unknown; type?: unknown; seq?: unknown };
  if (
    j !== null &&
    typeof j === 'object' &&
    j.v === CALL_CONTROL_VERSION &&
    typeof j.type === 'string' &&
    !KNOWN_SWITCH_FRAMES.has(j.type) &&
    Number.isSafeInteger(j.seq) &&
    (j.seq as number) > 0
  )
    return { ok: false, error: `unknown event type ${j.type.slice(0, 40)}`, unknownEventSeq: j.seq as number };
  return {
    ok: false,
    error: r.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ')
      .slice(0, 500),
  };
}
