/**
 * The one RTP stream we send on a leg. Whatever feeds it — a relayed peer, a prompt, the mixer,
 * a DTMF event — the far end sees one SSRC with continuous sequence numbers and a timestamp that
 * follows wall-clock time (RFC 3550 §5.1: timestamps "increment monotonically and linearly in time").
 * On every change of source the marker bit is set (RFC 3551 §4.1: "the marker bit ... set on the
 * first packet after a silence period") and the offsets are recomputed.
 */
export interface OutboundHeader {
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
}

/** A source id for locally generated audio (player, mixer, tones). */
export const LOCAL_SOURCE = -1;

export class OutboundStream {
  readonly ssrc: number;
  readonly #rate: number;
  #seq: number;
  #ts: number;
  #lastSentMs: number | undefined;
  #source: number | undefined;
  #seqOffset = 0;
  #tsOffset = 0;
  #localSeq = 0;
  #localTs = 0;
  #eventTs: number | undefined;
  packets = 0;
  octets = 0;

  constructor(ssrc: number, initialSeq: number, initialTs: number, clockRate = 8000) {
    this.ssrc = ssrc >>> 0;
    this.#seq = (initialSeq - 1) & 0xffff;
    this.#ts = initialTs >>> 0;
    this.#rate = clockRate;
  }

  get lastTimestamp(): number {
    return this.#ts;
  }

  /**
   * Header for a packet relayed from `source` (its SSRC) with its own seq/ts. Gaps and reordering in
   * the source survive the mapping, so the far end's jitter buffer and loss statistics stay honest.
   */
  relay(
    source: number,
    srcSeq: number,
    srcTs: number,
    srcMarker: boolean,
    nowMs: number,
    payloadBytes: number,
  ): OutboundHeader {
    let marker = srcMarker;
    if (source !== this.#source) {
      this.#switchTo(source, srcSeq, srcTs, nowMs);
      marker = true;
    }
    const seq = (srcSeq + this.#seqOffset) & 0xffff;
    const ts = (srcTs + this.#tsOffset) >>> 0;
    // Only advance on newer packets, so a late one does not move the base backwards.
    if (((seq - this.#seq) & 0xffff) < 0x8000) {
      this.#seq = seq;
      this.#ts = ts;
      this.#lastSentMs = nowMs;
    }
    this.packets++;
    this.octets += payloadBytes;
    return { sequenceNumber: seq, timestamp: ts, marker };
  }

  /** Header for a locally generated frame of `samples` samples. */
  local(samples: number, nowMs: number, payloadBytes = samples): OutboundHeader {
    const h = this.relay(LOCAL_SOURCE, this.#localSeq, this.#localTs, false, nowMs, payloadBytes);
    this.#localSeq = (this.#localSeq + 1) & 0xffff;
    this.#localTs = (this.#localTs + samples) >>> 0;
    return h;
  }

  /**
   * Header for an RFC 4733 event packet: all packets of one event share `eventTs` (the
   * timestamp at the event's start), while the sequence number keeps counting.
   */
  event(eventTs: number, marker: boolean, nowMs: number): OutboundHeader {
    this.#source = undefined; // audio after the event restarts with a marker
    this.#seq = (this.#seq + 1) & 0xffff;
    if (eventTs !== this.#eventTs) {
      this.#eventTs = eventTs;
      // First packet of a new event: the media clock is anchored at the event's start, so the
      // next event (or audio) is timed from here and never reuses this timestamp.
      this.#ts = eventTs >>> 0;
      this.#lastSentMs = nowMs;
    }
    this.packets++;
    this.octets += 4;
    return { sequenceNumber: this.#seq, timestamp: eventTs >>> 0, marker };
  }

  /** The timestamp a new event starting now should carry. */
  eventStart(nowMs: number): number {
    return this.#tsAt(nowMs);
  }

  /** RTP timestamp corresponding to `nowMs` (for sender reports). */
  timestampAt(nowMs: number): number {
    return this.#tsAt(nowMs);
  }

  #tsAt(nowMs: number): number {
    if (this.#lastSentMs === undefined) return this.#ts;
    const elapsed = Math.max(0, Math.round(((nowMs - this.#lastSentMs) * this.#rate) / 1000));
    return (this.#ts + elapsed) >>> 0;
  }

  #switchTo(source: number, srcSeq: number, srcTs: number, nowMs: number): void {
    const step = (this.#rate * 20) / 1000;
    // The new source's first packet follows the last one sent: +1 in sequence, and in time by
    // the wall-clock gap (at least one frame so two packets never share a timestamp).
    const elapsed =
      this.#lastSentMs === undefined ? 0 : Math.max(step, Math.round(((nowMs - this.#lastSentMs) * this.#rate) / 1000));
    const nextSeq = (this.#seq + 1) & 0xffff;
    const nextTs = (this.#ts + elapsed) >>> 0;
    this.#seqOffset = (nextSeq - srcSeq) & 0xffff;
    this.#tsOffset = (nextTs - srcTs) >>> 0;
    this.#source = source;
  }
}
