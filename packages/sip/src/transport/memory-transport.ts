import { serialize } from '../message/serialize.ts';
import type { SipMessage } from '../message/sip-message.ts';
import type { Destination, Inbound, Transport, TransportProtocol } from './transport.ts';

/**
 * An in-memory transport for tests and in-process peers: `send` records the wire bytes and, if a
 * peer is attached, delivers them to it. Delivery is synchronous so a FakeScheduler drives all time.
 */
export class MemoryTransport implements Transport {
  readonly protocol: TransportProtocol;
  readonly reliable: boolean;
  readonly local: { host: string; port: number };
  readonly sent: Array<{ data: Buffer; dest: Destination }> = [];
  #handler: ((inbound: Inbound) => void) | null = null;
  #peer: MemoryTransport | null = null;
  #closed = false;

  constructor(local: { host: string; port: number }, protocol: TransportProtocol = 'udp') {
    this.local = local;
    this.protocol = protocol;
    this.reliable = protocol !== 'udp';
  }

  /** Links two transports so each one's sends arrive at the other. */
  static pair(a: MemoryTransport, b: MemoryTransport): void {
    a.#peer = b;
    b.#peer = a;
  }

  send(msg: SipMessage | Buffer, dest: Destination): boolean {
    if (this.#closed) return false;
    const data = Buffer.isBuffer(msg) ? msg : serialize(msg);
    this.sent.push({ data, dest });
    this.#peer?.inject(data, { protocol: this.protocol, host: this.local.host, port: this.local.port });
    return true;
  }

  onMessage(handler: (inbound: Inbound) => void): void {
    this.#handler = handler;
  }

  /** Delivers bytes as if they arrived from `source`. */
  inject(data: Buffer | string, source: Destination): void {
    if (this.#closed) return;
    this.#handler?.({ data: Buffer.isBuffer(data) ? data : Buffer.from(data), source });
  }

  /** Sent messages as text, for assertions. */
  sentText(): string[] {
    return this.sent.map((s) => s.data.toString());
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
