import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions, connect as tlsConnect } from 'node:tls';
import { randomHex } from '@hotline/core';
import { serialize } from '../message/serialize.ts';
import type { SipMessage } from '../message/sip-message.ts';
import { StreamFramer } from './stream-framer.ts';
import type { Destination, Inbound, Transport } from './transport.ts';

/** Idle connections are closed after this long without traffic (registered phones refresh well within). */
export const STREAM_IDLE_TIMEOUT_MS = 15 * 60_000;

export interface StreamListenOptions {
  host?: string;
  port?: number;
  /** TLS only: certificate and key (PEM), passed to node:tls. */
  tls?: Pick<TlsOptions, 'cert' | 'key' | 'ca' | 'requestCert' | 'rejectUnauthorized'>;
  /** TLS client side: verify the peer's certificate (off for self-signed lab peers). */
  rejectUnauthorized?: boolean;
}

interface Connection {
  readonly id: string;
  readonly socket: Socket;
  readonly key: string;
}

/**
 * SIP over TCP or TLS (RFC 3261 §18.3, §26.2.1): Content-Length framing, connections kept open and
 * reused in both directions, responses written on the connection the request came on.
 */
export class StreamTransport implements Transport {
  readonly protocol: 'tcp' | 'tls';
  readonly reliable = true;
  readonly local: { host: string; port: number };
  readonly #server: Server;
  readonly #opts: StreamListenOptions;
  readonly #byId = new Map<string, Connection>();
  readonly #byPeer = new Map<string, Connection>();
  #handler: ((inbound: Inbound) => void) | null = null;

  private constructor(protocol: 'tcp' | 'tls', server: Server, host: string, opts: StreamListenOptions) {
    this.protocol = protocol;
    this.#server = server;
    this.#opts = opts;
    const addr = server.address();
    this.local = { host, port: typeof addr === 'object' && addr ? addr.port : 0 };
  }

  static listen(protocol: 'tcp' | 'tls', opts: StreamListenOptions = {}): Promise<StreamTransport> {
    const host = opts.host ?? '127.0.0.1';
    let self: StreamTransport | null = null;
    const onConn = (s: Socket) => self?.adopt(s);
    const server = protocol === 'tls' ? createTlsServer({ ...opts.tls }, onConn) : createServer(onConn);
    server.on('error', () => {});
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        self = new StreamTransport(protocol, server, host, opts);
        resolve(self);
      });
    });
  }

  get connectionCount(): number {
    return this.#byId.size;
  }

  private adopt(socket: Socket): Connection {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    const conn: Connection = { id: randomHex(6), socket, key };
    this.#byId.set(conn.id, conn);
    this.#byPeer.set(key, conn);
    const framer = new StreamFramer();
    socket.setNoDelay(true);
    socket.setTimeout(STREAM_IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const f of framer.push(chunk)) {
        if (f.kind === 'ping') socket.write('\r\n');
        else if (f.kind === 'error') {
          socket.destroy();
          return;
        } else {
          this.#handler?.({
            data: f.data,
            source: {
              protocol: this.protocol,
              host: socket.remoteAddress ?? '',
              port: socket.remotePort ?? 0,
              connectionId: conn.id,
            },
          });
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#byId.delete(conn.id);
      if (this.#byPeer.get(key) === conn) this.#byPeer.delete(key);
    });
    return conn;
  }

  send(msg: SipMessage | Buffer, dest: Destination): boolean {
    const data = Buffer.isBuffer(msg) ? msg : serialize(msg);
    let conn = dest.connectionId ? this.#byId.get(dest.connectionId) : undefined;
    conn ??= this.#byPeer.get(`${dest.host}:${dest.port}`);
    if (!conn) {
      // A response whose connection is gone fails (the transaction reports a transport error);
      // a request opens a connection to its target. Writes before connect are buffered by the socket.
      if (dest.connectionId) return false;
      const socket =
        this.protocol === 'tls'
          ? tlsConnect({ host: dest.host, port: dest.port, rejectUnauthorized: this.#opts.rejectUnauthorized ?? false })
          : createConnection({ host: dest.host, port: dest.port });
      conn = this.adopt(socket);
      this.#byPeer.set(`${dest.host}:${dest.port}`, conn);
    }
    if (conn.socket.destroyed) return false;
    conn.socket.write(data);
    return true;
  }

  onMessage(handler: (inbound: Inbound) => void): void {
    this.#handler = handler;
  }

  close(): Promise<void> {
    for (const c of this.#byId.values()) c.socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
