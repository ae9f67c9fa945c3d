import { createSocket, type Socket } from 'node:dgram';
import { decodeG711, encodeG711 } from '../g711.ts';
import { parseRtp, serializeRtp } from '../rtp-packet.ts';
import { type DigitEvent, digitToEvent, planTelephoneEvent, TelephoneEventReceiver } from '../telephone-event.ts';
import { ToneGenerator } from '../tone-generator.ts';

/**
 * A scripted phone for integration tests: sends a continuous tone as PCMU RTP every 20 ms from an
 * ephemeral port on 127.0.0.1, decodes what it receives, and can send RFC 4733 digits.
 */
export class RtpPeer {
  readonly socket: Socket;
  readonly received: number[] = [];
  readonly digits: DigitEvent[] = [];
  packets = 0;
  #timer: NodeJS.Timeout | undefined;
  #seq = 1;
  #ts = 0;
  readonly #ssrc = Math.floor(Math.random() * 0xffffffff);
  readonly #tone: ToneGenerator | undefined;
  readonly #te = new TelephoneEventReceiver();
  #target: { address: string; port: number } | undefined;
  #events: Uint8Array[] = [];

  private constructor(socket: Socket, toneHz: number | undefined) {
    this.socket = socket;
    this.#tone =
      toneHz === undefined ? undefined : new ToneGenerator({ frequencies: [toneHz], cadenceMs: [], amplitude: 8000 });
    socket.on('message', (msg) => {
      const r = parseRtp(msg);
      if (!r.ok) return;
      this.packets++;
      if (r.value.payloadType === 101) {
        this.digits.push(...this.#te.receive(r.value.ssrc, r.value.timestamp, r.value.payload, Date.now()).ended);
        return;
      }
      const pcm = decodeG711('PCMU', r.value.payload);
      for (const v of pcm) this.received.push(v);
    });
  }

  static async open(toneHz?: number): Promise<RtpPeer> {
    const s = createSocket('udp4');
    await new Promise<void>((res) => s.bind(0, '127.0.0.1', () => res()));
    return new RtpPeer(s, toneHz);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Starts sending to the engine's port every 20 ms. */
  start(port: number, address = '127.0.0.1'): void {
    this.#target = { address, port };
    const frame = new Int16Array(160);
    const t0 = performance.now();
    let sent = 0;
    // Paced by the wall clock like a real phone: setInterval alone drifts late.
    this.#timer = setInterval(() => {
      while (sent < Math.floor((performance.now() - t0) / 20)) {
        sent++;
        this.#sendFrame(frame);
      }
    }, 5);
  }

  #sendFrame(frame: Int16Array): void {
    {
      const ev = this.#events.shift();
      if (ev) {
        this.#sendRaw(
          serializeRtp({
            payloadType: 101,
            marker: ev[4] === 1,
            sequenceNumber: this.#seq++ & 0xffff,
            timestamp: this.#eventTs,
            ssrc: this.#ssrc,
            payload: ev.subarray(0, 4),
          }),
        );
        this.#ts += 160;
        return;
      }
      if (this.#queued.length > 0) frame.set(this.#queued.shift()!);
      else if (this.#tone) this.#tone.fill(frame);
      else frame.fill(0);
      this.#sendRaw(
        serializeRtp({
          payloadType: 0,
          marker: false,
          sequenceNumber: this.#seq++ & 0xffff,
          timestamp: this.#ts,
          ssrc: this.#ssrc,
          payload: encodeG711('PCMU', frame),
        }),
      );
      this.#ts += 160;
    }
  }

  #eventTs = 0;
  #queued: Int16Array[] = [];

  /** Queues audio to send (in 20 ms frames) before going back to the tone. */
  sendSamples(samples: Int16Array): void {
    for (let i = 0; i + 160 <= samples.length; i += 160) this.#queued.push(samples.slice(i, i + 160));
  }

  /** Queues one RFC 4733 digit (replaces audio while it is sent). */
  sendDigit(digit: string, ms = 100): void {
    this.#eventTs = this.#ts;
    for (const p of planTelephoneEvent(digitToEvent(digit)!, ms)) {
      const b = new Uint8Array(5);
      b.set(p.payload);
      b[4] = p.marker ? 1 : 0;
      this.#events.push(b);
    }
  }

  sendRaw(buf: Uint8Array): void {
    this.#sendRaw(buf);
  }

  #sendRaw(buf: Uint8Array): void {
    if (this.#target) this.socket.send(buf, this.#target.port, this.#target.address);
  }

  pause(): void {
    clearInterval(this.#timer);
  }

  /** The last `ms` of received audio. */
  lastMs(ms: number): Int16Array {
    return Int16Array.from(this.received.slice(-ms * 8));
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): void {
    clearInterval(this.#timer);
    this.socket.close();
  }
}
