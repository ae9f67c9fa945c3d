import { type Scheduler, Signal, systemScheduler } from '@hotline/core';
import { createResponse, type ResponseOptions } from '../message/create-response.ts';
import { getHeader, getHeaders, intHeader, prependHeader, setHeader, topViaOf } from '../message/headers.ts';
import { parseMessage } from '../message/parse-message.ts';
import { randomTokenHex } from '../message/random-token.ts';
import { serialize } from '../message/serialize.ts';
import type { ParseError, SipMessage, SipRequest, SipResponse } from '../message/sip-message.ts';
import { isParseError } from '../message/sip-message.ts';
import { BRANCH_MAGIC_COOKIE, formatVia, parseViaList } from '../message/via.ts';
import { type Destination, defaultPort, type Inbound, type Transport, viaTransport } from '../transport/transport.ts';
import { InviteClientTransaction } from './invite-client-transaction.ts';
import { InviteServerTransaction } from './invite-server-transaction.ts';
import { NonInviteClientTransaction } from './non-invite-client-transaction.ts';
import { NonInviteServerTransaction } from './non-invite-server-transaction.ts';
import { DEFAULT_TIMER_BASE, type TimerBase, timersFor } from './timers.ts';
import { clientTransactionKey, mergeKey, serverTransactionKey } from './transaction-key.ts';

export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;
export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;

/** A request that opened a new server transaction, handed to the transaction user (registrar, B2BUA). */
export interface IncomingRequest {
  readonly request: SipRequest;
  readonly source: Destination;
  readonly transport: Transport;
  readonly transaction: ServerTransaction;
  /** Builds a response with `createResponse` and sends it through the transaction. */
  respond(status: number, opts?: ResponseOptions): SipResponse;
}

export interface SipEndpointOptions {
  transports: Transport[];
  scheduler?: Scheduler;
  timerBase?: TimerBase;
  /** Host written in our Via sent-by when a transport listens on a wildcard address. */
  viaHost?: string;
  /**
   * Admission hook for defence: called with the source before parsing (`msg` undefined) and again
   * with the parsed message. Returning false drops the message silently — no response at all.
   */
  admit?: (source: Destination, msg?: SipMessage) => boolean;
}

/**
 * The transaction layer (RFC 3261 §17) over a set of transports: matches messages to transactions,
 * creates server transactions for new requests, answers 100 Trying to INVITE, handles CANCEL (§9.2),
 * ACK for non-2xx inside the transaction, merged requests (§8.2.2.2), Via received/rport
 * (§18.2.1, RFC 3581) and response routing (§18.2.2).
 */
export class SipEndpoint {
  /** A new request (not ACK for 2xx, not CANCEL) with its server transaction. */
  readonly request = new Signal<[IncomingRequest]>();
  /** ACK for a 2xx: outside any transaction (§17.1.1.3), for the dialog layer. */
  readonly ack = new Signal<[SipRequest, Destination]>();
  /** The INVITE that a CANCEL ended; the endpoint has already answered it with 487 (§9.2). */
  readonly cancelled = new Signal<[IncomingRequest]>();
  /** Responses that match no client transaction (e.g. 2xx retransmissions after Timer M). */
  readonly strayResponse = new Signal<[SipResponse, Destination]>();
  readonly parseError = new Signal<[ParseError, Destination]>();
  readonly scheduler: Scheduler;
  readonly transports: readonly Transport[];
  readonly #timerBase: TimerBase;
  readonly #viaHost: string | undefined;
  readonly #admit: SipEndpointOptions['admit'];
  readonly #server = new Map<string, { tx: ServerTransaction; incoming: IncomingRequest }>();
  readonly #client = new Map<string, ClientTransaction>();
  readonly #merged = new Map<string, string>();

  constructor(opts: SipEndpointOptions) {
    this.transports = opts.transports;
    this.scheduler = opts.scheduler ?? systemScheduler;
    this.#timerBase = opts.timerBase ?? DEFAULT_TIMER_BASE;
    this.#viaHost = opts.viaHost;
    this.#admit = opts.admit;
    for (const t of this.transports) t.onMessage((inbound) => this.receive(t, inbound));
  }

  get serverTransactionCount(): number {
    return this.#server.size;
  }

  get clientTransactionCount(): number {
    return this.#client.size;
  }

  transportFor(protocol: Destination['protocol']): Transport {
    const t = this.transports.find((x) => x.protocol === protocol);
    if (!t) throw new Error(`no ${protocol} transport`);
    return t;
  }

  /** Our Via value for a transport, with a fresh branch (§8.1.1.7) and rport (RFC 3581 §3). */
  viaFor(t: Transport, branch = newBranch()): string {
    const host = this.#viaHost ?? t.local.host;
    return `SIP/2.0/${viaTransport(t.protocol)} ${host}:${t.local.port};branch=${branch};rport`;
  }

  /** Entry point for transports (public so tests and in-memory transports can inject). */
  receive(transport: Transport, inbound: Inbound): void {
    if (this.#admit && !this.#admit(inbound.source)) return;
    const parsed = parseMessage(inbound.data);
    if (isParseError(parsed)) {
      this.parseError.emit(parsed, inbound.source);
      // §8.2 / RFC 4475: answer a malformed request with 400 when its Via lets us address one.
      if (parsed.partial && parsed.partial.method !== 'ACK' && parseViaList(getHeader(parsed.partial, 'Via') ?? '')) {
        const res = createResponse(parsed.partial, 400, { reason: `Bad Request (${parsed.reason.slice(0, 60)})` });
        this.#sendResponse(transport, res, parsed.partial, inbound.source);
      }
      return;
    }
    if (this.#admit && !this.#admit(inbound.source, parsed)) return;
    if (parsed.kind === 'response') this.#receiveResponse(parsed, inbound.source);
    else this.#receiveRequest(transport, parsed, inbound.source);
  }

  #receiveResponse(res: SipResponse, source: Destination): void {
    const key = clientTransactionKey(res);
    const tx = key ? this.#client.get(key) : undefined;
    if (tx) tx.receiveResponse(res);
    else this.strayResponse.emit(res, source);
  }

  #receiveRequest(transport: Transport, req: SipRequest, source: Destination): void {
    stampVia(req, source);
    const key = serverTransactionKey(req);
    if (!key) return;
    const existing = this.#server.get(key);
    if (req.method === 'ACK') {
      if (existing?.tx.kind === 'invite-server' && existing.tx.state !== 'accepted') existing.tx.receiveRequest(req);
      else this.ack.emit(req, source);
      return;
    }
    if (existing) {
      existing.tx.receiveRequest(req); // a retransmission (§17.2.1, §17.2.2)
      return;
    }
    const incoming = this.#createServerTransaction(transport, req, source, key);
    // §8.2.2.2: a copy of a request we already handle, arrived by another path.
    const mk = mergeKey(req);
    if (mk && req.method !== 'CANCEL') {
      const other = this.#merged.get(mk);
      if (other && other !== key && this.#server.has(other)) {
        incoming.respond(482);
        return;
      }
      this.#merged.set(mk, key);
      incoming.transaction.terminated.once(() => {
        if (this.#merged.get(mk) === key) this.#merged.delete(mk);
      });
    }
    if (req.method === 'CANCEL') {
      this.#cancel(incoming);
      return;
    }
    // §16.3 step 3 (for the B2BUA): Max-Forwards 0 ends the request here, except OPTIONS.
    if (intHeader(req, 'Max-Forwards') === 0 && req.method !== 'OPTIONS' && req.method !== 'REGISTER') {
      incoming.respond(483);
      return;
    }
    // §17.2.1: the INVITE server transaction answers 100 Trying at once (the TU may take > 200 ms).
    if (req.method === 'INVITE') incoming.respond(100);
    this.request.emit(incoming);
  }

  #createServerTransaction(transport: Transport, req: SipRequest, source: Destination, key: string): IncomingRequest {
    const ctx = {
      scheduler: this.scheduler,
      timers: timersFor(this.#timerBase, transport.reliable),
      reliable: transport.reliable,
      send: (m: SipMessage) => this.#sendResponse(transport, m as SipResponse, req, source),
    };
    const tx =
      req.method === 'INVITE' ? new InviteServerTransaction(ctx, req) : new NonInviteServerTransaction(ctx, req);
    const incoming: IncomingRequest = {
      request: req,
      source,
      transport,
      transaction: tx,
      respond: (status, opts) => {
        const res = createResponse(req, status, opts);
        tx.respond(res);
        return res;
      },
    };
    this.#server.set(key, { tx, incoming });
    tx.terminated.once(() => this.#server.delete(key));
    return incoming;
  }

  /** §9.2: CANCEL gets its own transaction; 200 if the INVITE exists, else 481; the INVITE gets 487. */
  #cancel(cancel: IncomingRequest): void {
    const inviteKey = serverTransactionKey(cancel.request, 'INVITE');
    const invite = inviteKey ? this.#server.get(inviteKey) : undefined;
    if (invite?.tx.kind !== 'invite-server') {
      cancel.respond(481);
      return;
    }
    const toTag = /;\s*tag\s*=\s*([^;\s]+)/i.exec(
      getHeader(invite.tx.lastResponse ?? invite.tx.request, 'To') ?? '',
    )?.[1];
    cancel.respond(200, toTag ? { toTag } : {});
    if (invite.tx.state === 'proceeding') {
      invite.incoming.respond(487, toTag ? { toTag } : {});
      this.cancelled.emit(invite.incoming);
    }
  }

  /** §18.2.2: where a response to `req` goes. */
  responseDestination(transport: Transport, req: SipRequest, source: Destination): Destination {
    if (transport.reliable) return source;
    const via = topViaOf(req);
    if (!via) return source;
    const rport = via.params.get('rport');
    const received = via.params.get('received');
    const host = received ?? via.host;
    const port = rport ? Number(rport) : (via.port ?? defaultPort(transport.protocol));
    return { protocol: source.protocol, host: host.replace(/^\[|\]$/g, ''), port };
  }

  #sendResponse(transport: Transport, res: SipResponse, req: SipRequest, source: Destination): boolean {
    return transport.send(res, this.responseDestination(transport, req, source));
  }

  /**
   * Sends a request in a new client transaction. The endpoint pushes its Via (fresh branch) and
   * adds Max-Forwards when missing. ACK goes statelessly through `sendAck`.
   */
  sendRequest(req: SipRequest, dest: Destination): ClientTransaction {
    const transport = this.transportFor(dest.protocol);
    const branch = newBranch();
    prependHeader(req, 'Via', this.viaFor(transport, branch));
    if (getHeader(req, 'Max-Forwards') === undefined) setHeader(req, 'Max-Forwards', '70');
    const ctx = {
      scheduler: this.scheduler,
      timers: timersFor(this.#timerBase, transport.reliable),
      reliable: transport.reliable,
      send: (m: SipMessage) => transport.send(m, dest),
    };
    const tx =
      req.method === 'INVITE' ? new InviteClientTransaction(ctx, req) : new NonInviteClientTransaction(ctx, req);
    const key = `${branch}|${req.method}`;
    this.#client.set(key, tx);
    tx.terminated.once(() => this.#client.delete(key));
    tx.start();
    return tx;
  }

  /** ACK for a 2xx (§13.2.2.4): its own branch, no transaction. */
  sendAck(ack: SipRequest, dest: Destination): boolean {
    const transport = this.transportFor(dest.protocol);
    prependHeader(ack, 'Via', this.viaFor(transport));
    if (getHeader(ack, 'Max-Forwards') === undefined) setHeader(ack, 'Max-Forwards', '70');
    return transport.send(ack, dest);
  }

  /** §9.1: CANCEL for a pending INVITE — same Request-URI, Call-ID, From, To, CSeq number, top Via. */
  cancel(invite: InviteClientTransaction, dest: Destination): NonInviteClientTransaction | null {
    if (invite.state !== 'proceeding') return null;
    const req = invite.request;
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: req.uri,
      headers: [],
      body: new Uint8Array(0),
    };
    const via = getHeaders(req, 'Via')[0] as string;
    setHeader(cancel, 'Via', via);
    for (const r of req.headers.filter((h) => h.name === 'Route')) cancel.headers.push(r);
    for (const n of ['Max-Forwards', 'From', 'To', 'Call-ID']) setHeader(cancel, n, getHeader(req, n) ?? '');
    setHeader(cancel, 'CSeq', `${getHeader(req, 'CSeq')?.trim().split(/\s+/)[0]} CANCEL`);
    const transport = this.transportFor(dest.protocol);
    const ctx = {
      scheduler: this.scheduler,
      timers: timersFor(this.#timerBase, transport.reliable),
      reliable: transport.reliable,
      send: (m: SipMessage) => transport.send(m, dest),
    };
    const tx = new NonInviteClientTransaction(ctx, cancel);
    const branch = /branch=([^;,\s]+)/.exec(via)?.[1] ?? '';
    const key = `${branch}|CANCEL`;
    this.#client.set(key, tx);
    tx.terminated.once(() => this.#client.delete(key));
    tx.start();
    return tx;
  }

  /** Sends any message as is, outside transactions (stateless responses, keep-alives). */
  sendRaw(msg: SipMessage | Buffer, dest: Destination): boolean {
    return this.transportFor(dest.protocol).send(Buffer.isBuffer(msg) ? msg : serialize(msg), dest);
  }

  async close(): Promise<void> {
    for (const { tx } of [...this.#server.values()]) tx.dispose();
    for (const tx of [...this.#client.values()]) tx.dispose();
    await Promise.all(this.transports.map((t) => t.close()));
  }
}

export function newBranch(): string {
  return `${BRANCH_MAGIC_COOKIE}${randomTokenHex(10)}`;
}

/**
 * §18.2.1 + RFC 3581 §4: the top Via gets `received` when the source address differs from sent-by
 * (always when `rport` is present) and `rport` gets the source port.
 */
export function stampVia(req: SipRequest, source: Destination): void {
  const i = req.headers.findIndex((h) => h.name === 'Via');
  if (i < 0) return;
  const header = req.headers[i] as { name: string; value: string };
  const vias = parseViaList(header.value);
  const top = vias?.[0];
  if (!vias || !top) return;
  const hasRport = top.params.has('rport');
  const srcHost = source.host.includes(':') ? `[${source.host}]` : source.host;
  if (top.host !== srcHost.toLowerCase() || hasRport) top.params.set('received', source.host);
  if (hasRport) top.params.set('rport', String(source.port));
  const rest = header.value.slice(firstViaLength(header.value));
  req.headers[i] = { name: 'Via', value: formatVia(top) + rest };
}

function firstViaLength(value: string): number {
  let inQuote = false;
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (c === '"') inQuote = !inQuote;
    else if (c === ',' && !inQuote) return k;
  }
  return value.length;
}
