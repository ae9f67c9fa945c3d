/** Default silence on the wire after which a leg's media is reported dead. */
export const DEAD_MEDIA_TIMEOUT_MS = 30_000;

/**
 * Reports a leg whose RTP stopped: once per silent stretch, `timeoutMs` after the last packet (or
 * after arming, if none ever came). A packet re-arms it. Pure: times are passed in.
 */
export class DeadMediaDetector {
  readonly timeoutMs: number;
  #lastMs: number;
  #reported = false;

  constructor(nowMs: number, timeoutMs = DEAD_MEDIA_TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
    this.#lastMs = nowMs;
  }

  onPacket(nowMs: number): void {
    this.#lastMs = nowMs;
    this.#reported = false;
  }

  /** True exactly once per dead stretch. */
  poll(nowMs: number): boolean {
    if (this.#reported || nowMs - this.#lastMs < this.timeoutMs) return false;
    this.#reported = true;
    return true;
  }
}
