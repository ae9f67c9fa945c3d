import type { SipMessage } from '../message/sip-message.ts';

/**
 * The transport port (RFC 3261 §18). Tiny on purpose: UDP, TCP and TLS implement it here; the
 * WebSocket transport of the WebRTC issue (RFC 7118) implements the same three members.
 * Stream transports hand over one framed message per `onMessage` call and remember the connection
 * it came on (`connectionId`), so responses go back on the same connection (§18.2.2).
 */
export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export interface Destination {
  readonly protocol: TransportProtocol;
  readonly host: string;
  readonly port: number;
  /** For stream transports: the connection a message arrived on / should leave on. */
  readonly connectionId?: string;
}

export interface Inbound {
  /** One datagram or one framed stream message, unparsed. */
  readonly data: Buffer;
  readonly source: Destination;
}

export interface Transport {
  readonly protocol: TransportProtocol;
  /** Reliable transports get no retransmissions and zero-length wait timers (§17). */
  readonly reliable: boolean;
  /** Address and port we listen on, for Via sent-by and Contact. */
  readonly local: { readonly host: string; readonly port: number };
  /** Queues the message; false when it cannot be sent at all (e.g. that connection is gone). */
  send(msg: SipMessage | Buffer, dest: Destination): boolean;
  onMessage(handler: (inbound: Inbound) => void): void;
  close(): Promise<void>;
}

/** Via transport token for a protocol (RFC 3261 §18, RFC 7118 §5). */
export function viaTransport(p: TransportProtocol): string {
  return p.toUpperCase();
}

export function protocolFromVia(t: string): TransportProtocol | null {
  const l = t.toLowerCase();
  return l === 'udp' || l === 'tcp' || l === 'tls' || l === 'ws' || l === 'wss' ? l : null;
}

/** Default port of a protocol (§19.1.2: 5060, 5061 for TLS). */
export function defaultPort(p: TransportProtocol): number {
  return p === 'tls' || p === 'wss' ? 5061 : p === 'ws' ? 80 : 5060;
}
