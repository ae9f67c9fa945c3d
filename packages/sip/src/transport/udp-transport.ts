import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { serialize } from '../message/serialize.ts';
import type { SipMessage } from '../message/sip-message.ts';
import type { Destination, Inbound, Transport } from './transport.ts';

/** SIP over UDP (RFC 3261 §18): one datagram per message, unreliable (transactions retransmit). */
export class UdpTransport implements Transport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  readonly local: { host: string; port: number };
  readonly #socket: Socket;
  #handler: ((inbound: Inbound) => void) | null = null;

  private constructor(socket: Socket, host: string) {
    this.#socket = socket;
    this.local = { host, port: socket.address().port };
    socket.on('message', (data, rinfo) => {
      this.#handler?.({ data, source: { protocol: 'udp', host: rinfo.address, port: rinfo.port } });
    });
    // ICMP errors and the like: UDP is best effort, transactions time out on their own.
    socket.on('error', () => {});
  }

  /** Binds `host:port` (port 0 = ephemeral). */
  static listen(opts: { host?: string; port?: number }): Promise<UdpTransport> {
    const host = opts.host ?? '127.0.0.1';
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port ?? 0, host, () => {
        socket.off('error', reject);
        resolve(new UdpTransport(socket, host));
      });
    });
  }

  send(msg: SipMessage | Buffer, dest: Destination): boolean {
    const data = Buffer.isBuffer(msg) ? msg : serialize(msg);
    try {
      this.#socket.send(data, dest.port, dest.host);
      return true;
    } catch {
      return false;
    }
  }

  onMessage(handler: (inbound: Inbound) => void): void {
    this.#handler = handler;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.#socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
