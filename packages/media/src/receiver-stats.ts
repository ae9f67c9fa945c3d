import type { ReportBlock } from './rtcp-packet.ts';

/** RFC 3550 Appendix A.1 constants. */
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const RTP_SEQ_MOD = 1 << 16;

export interface ReceiverSnapshot {
  ssrc: number;
  received: number;
  expected: number;
  lost: number;
  /** Interarrival jitter in ms (A.8 estimate converted from timestamp units). */
  jitterMs: number;
  extendedHighestSeq: number;
}

/**
 * Reception statistics of one source: sequence tracking (A.1), loss (A.3) and interarrival jitter
 * (A.8), and the report block an RR/SR carries about it.
 */
export class ReceiverStats {
  readonly ssrc: number;
  readonly #rate: number;
  #baseSeq = 0;
  #maxSeq = 0;
  #cycles = 0;
  #badSeq = RTP_SEQ_MOD + 1;
  #received = 0;
  #expectedPrior = 0;
  #receivedPrior = 0;
  #transit: number | undefined;
  /** A.8 jitter in timestamp units, kept as a float. */
  #jitter = 0;
  /** Middle 32 bits of the NTP time of the last SR, and when it arrived (for LSR/DLSR). */
  #lastSr = 0;
  #lastSrArrivalMs: number | undefined;

  constructor(ssrc: number, firstSeq: number, clockRate = 8000) {
    this.ssrc = ssrc >>> 0;
    this.#rate = clockRate;
    this.#initSeq(firstSeq);
    this.#maxSeq = firstSeq - 1;
  }

  #initSeq(seq: number): void {
    this.#baseSeq = seq;
    this.#maxSeq = seq;
    this.#badSeq = RTP_SEQ_MOD + 1;
    this.#cycles = 0;
    this.#received = 0;
    this.#receivedPrior = 0;
    this.#expectedPrior = 0;
  }

  /** A.1 update_seq without probation; returns false for a packet taken as invalid. */
  #updateSeq(seq: number): boolean {
    const udelta = (seq - this.#maxSeq + RTP_SEQ_MOD) % RTP_SEQ_MOD;
    if (udelta < MAX_DROPOUT) {
      // in order, with permissible gap
      if (seq < this.#maxSeq) this.#cycles += RTP_SEQ_MOD;
      this.#maxSeq = seq;
    } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
      // the sequence number made a very large jump
      if (seq === this.#badSeq) {
        // two sequential packets: assume the other side restarted without telling us
        this.#initSeq(seq);
      } else {
        this.#badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
        return false;
      }
    }
    // else: duplicate or reordered packet
    this.#received++;
    return true;
  }

  /** Records one packet that arrived at `arrivalMs` carrying RTP timestamp `ts`. */
  onPacket(seq: number, ts: number, arrivalMs: number): void {
    if (!this.#updateSeq(seq)) return;
    // A.8: transit = arrival (in timestamp units) - timestamp; J += (|D| - J) / 16.
    const arrival = Math.round((arrivalMs * this.#rate) / 1000);
    const transit = (arrival - ts) | 0;
    if (this.#transit !== undefined) {
      const d = Math.abs((transit - this.#transit) | 0);
      this.#jitter += (d - this.#jitter) / 16;
    }
    this.#transit = transit;
  }

  onSenderReport(ntpMsw: number, ntpLsw: number, arrivalMs: number): void {
    this.#lastSr = ((ntpMsw & 0xffff) << 16) | (ntpLsw >>> 16);
    this.#lastSrArrivalMs = arrivalMs;
  }

  snapshot(): ReceiverSnapshot {
    const extMax = this.#cycles + this.#maxSeq;
    const expected = extMax - this.#baseSeq + 1;
    return {
      ssrc: this.ssrc,
      received: this.#received,
      expected,
      lost: Math.max(0, expected - this.#received),
      jitterMs: (this.#jitter * 1000) / this.#rate,
      extendedHighestSeq: extMax >>> 0,
    };
  }

  /** A.3: the report block, advancing the "prior" counters for the next fraction. */
  reportBlock(nowMs: number): ReportBlock {
    const extMax = this.#cycles + this.#maxSeq;
    const expected = extMax - this.#baseSeq + 1;
    const lost = expected - this.#received;
    const expectedInterval = expected - this.#expectedPrior;
    this.#expectedPrior = expected;
    const receivedInterval = this.#received - this.#receivedPrior;
    this.#receivedPrior = this.#received;
    const lostInterval = expectedInterval - receivedInterval;
    const fraction =
      expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
    const clampedLost = Math.max(-0x800000, Math.min(0x7fffff, lost));
    return {
      ssrc: this.ssrc,
      fractionLost: Math.min(255, fraction),
      cumulativeLost: clampedLost,
      extendedHighestSeq: extMax >>> 0,
      jitter: Math.floor(this.#jitter) >>> 0,
      lastSr: this.#lastSr >>> 0,
      // DLSR in units of 1/65536 s.
      delaySinceLastSr:
        this.#lastSrArrivalMs === undefined ? 0 : Math.floor(((nowMs - this.#lastSrArrivalMs) / 1000) * 65536) >>> 0,
    };
  }
}

/** NTP timestamp (RFC 3550 §4) of a Unix time in ms. */
export function ntpTime(unixMs: number): { msw: number; lsw: number } {
  const NTP_UNIX_OFFSET_S = 2208988800;
  const secs = Math.floor(unixMs / 1000);
  const frac = unixMs / 1000 - secs;
  return { msw: (secs + NTP_UNIX_OFFSET_S) >>> 0, lsw: Math.floor(frac * 0x100000000) >>> 0 };
}
