import { fail, ok, type ParseResult } from './parse-result.ts';

/**
 * RFC 4733 telephone-event payload (§2.3):
 *
 *  0                   1                   2                   3
 *  |     event     |E|R| volume    |          duration             |
 */
export interface TelephoneEvent {
  /** 0–9, 10 = '*', 11 = '#', 12–15 = A–D (§3.2 Table 1). */
  event: number;
  end: boolean;
  /** Power level, 0 to -63 dBm0 expressed as 0–63. */
  volume: number;
  /** Duration in timestamp units since the event began. */
  duration: number;
}

export const DTMF_DIGITS = '0123456789*#ABCD';

export function digitToEvent(digit: string): number | undefined {
  const i = DTMF_DIGITS.indexOf(digit.toUpperCase());
  return i < 0 || digit.length !== 1 ? undefined : i;
}

export function parseTelephoneEvent(payload: Uint8Array): ParseResult<TelephoneEvent> {
  // §2.3: the payload is 4 octets; §2.5.1.2 redundant events may follow in RFC 2198 (not negotiated here).
  if (payload.length < 4) return fail('telephone-event: payload shorter than 4 bytes');
  return ok({
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  });
}

export function encodeTelephoneEvent(e: TelephoneEvent): Uint8Array {
  const d = Math.min(0xffff, Math.max(0, Math.round(e.duration)));
  return new Uint8Array([e.event & 0xff, (e.end ? 0x80 : 0) | (e.volume & 0x3f), d >> 8, d & 0xff]);
}

/** One packet of an outgoing event; all share the event's start timestamp (§2.5.1.1). */
export interface PlannedEventPacket {
  payload: Uint8Array;
  /** §2.5.1.1: "the RTP marker bit ... set ... in the first RTP packet of an event". */
  marker: boolean;
}

/** Times the final packet is sent (§2.5.1.4: "the final packet for each event ... SHOULD be sent a total of three times"). */
export const END_PACKET_REPEATS = 3;
export const DEFAULT_DTMF_VOLUME = 10;

/**
 * Plans the packets for one digit sent every `ptimeMs`: an update per packet interval with the
 * growing duration, then the end packet three times with the final duration.
 */
export function planTelephoneEvent(
  event: number,
  durationMs: number,
  ptimeMs = 20,
  clockRate = 8000,
): PlannedEventPacket[] {
  const step = (ptimeMs * clockRate) / 1000;
  const total = Math.max(step, Math.round((durationMs * clockRate) / 1000 / step) * step);
  const out: PlannedEventPacket[] = [];
  for (let d = step; d < total; d += step) {
    out.push({
      payload: encodeTelephoneEvent({ event, end: false, volume: DEFAULT_DTMF_VOLUME, duration: d }),
      marker: d === step,
    });
  }
  for (let i = 0; i < END_PACKET_REPEATS; i++) {
    out.push({
      payload: encodeTelephoneEvent({ event, end: true, volume: DEFAULT_DTMF_VOLUME, duration: total }),
      marker: out.length === 0,
    });
  }
  return out;
}

/** A digit heard on a stream, from RFC 4733 packets or from in-band tones: the same shape for both. */
export interface DigitEvent {
  digit: string;
  durationMs: number;
  source: 'rfc4733' | 'inband';
}

/** How long an event may go without packets before it is taken as ended (its end packets were lost). */
export const EVENT_LOST_END_TIMEOUT_MS = 250;
const REMEMBERED_ENDED = 16;

interface ActiveEvent {
  key: string;
  event: number;
  duration: number;
  lastMs: number;
}

/**
 * Receives telephone-event packets and reports each digit once, when it ends: on the first end
 * packet (retransmitted ends are ignored, §2.5.1.4), when a new event starts (§2.5.1.3 … a new
 * timestamp means a new event), or when packets stop for EVENT_LOST_END_TIMEOUT_MS.
 * `started` reports the beginning of each event (for barge-in), also once.
 */
export class TelephoneEventReceiver {
  readonly #clockRate: number;
  #active: ActiveEvent | undefined;
  #ended: string[] = [];

  constructor(clockRate = 8000) {
    this.#clockRate = clockRate;
  }

  /** Feeds one packet; returns the digits that started and those that ended because of it. */
  receive(
    ssrc: number,
    timestamp: number,
    payload: Uint8Array,
    nowMs: number,
  ): { started?: string; ended: DigitEvent[] } {
    const ended: DigitEvent[] = [];
    const r = parseTelephoneEvent(payload);
    if (!r.ok || r.value.event >= DTMF_DIGITS.length) return { ended };
    const ev = r.value;
    const key = `${ssrc}:${timestamp}`;
    if (this.#ended.includes(key)) return { ended }; // retransmitted end packet
    let started: string | undefined;
    if (this.#active && this.#active.key !== key) ended.push(this.#finish());
    if (!this.#active) {
      this.#active = { key, event: ev.event, duration: ev.duration, lastMs: nowMs };
      started = DTMF_DIGITS[ev.event]!;
    }
    const a = this.#active;
    a.duration = Math.max(a.duration, ev.duration);
    a.lastMs = nowMs;
    if (ev.end) ended.push(this.#finish());
    return started === undefined ? { ended } : { started, ended };
  }

  /** An event is in progress (so `poll` may end it); lets a caller skip polling idle receivers. */
  get active(): boolean {
    return this.#active !== undefined;
  }

  /** Ends an event whose end packets never came. */
  poll(nowMs: number): DigitEvent[] {
    if (this.#active && nowMs - this.#active.lastMs >= EVENT_LOST_END_TIMEOUT_MS) return [this.#finish()];
    return [];
  }

  #finish(): DigitEvent {
    const a = this.#active!;
    this.#active = undefined;
    this.#ended.push(a.key);
    if (this.#ended.length > REMEMBERED_ENDED) this.#ended.shift();
    return {
      digit: DTMF_DIGITS[a.event]!,
      durationMs: Math.round((a.duration * 1000) / this.#clockRate),
      source: 'rfc4733',
    };
  }
}
