import { type Scheduler, systemScheduler } from '@hotline/core';
import { type CredentialStore, StaticCredentialStore } from './auth/credential-store.ts';
import type { DigestAlgorithm } from './auth/digest.ts';
import { DigestServer } from './auth/digest-server.ts';
import { Guard, type GuardOptions } from './defence/guard.ts';
import { type BindingStore, MemoryBindingStore } from './registrar/binding-store.ts';
import { Qualifier } from './registrar/qualifier.ts';
import { Registrar } from './registrar/registrar.ts';
import { type IncomingRequest, SipEndpoint } from './transaction/sip-endpoint.ts';
import { type CertificatePair, selfSignedCertificate } from './transport/self-signed-cert.ts';
import { StreamTransport } from './transport/stream-transport.ts';
import type { Transport } from './transport/transport.ts';
import { UdpTransport } from './transport/udp-transport.ts';

export const ALLOWED_METHODS = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO, UPDATE, REFER, NOTIFY';

export interface RegistrarServerOptions {
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Ports; 0 = ephemeral, null/undefined = that transport off. */
  udpPort?: number | null;
  tcpPort?: number | null;
  tlsPort?: number | null;
  /** TLS certificate; `'self-signed'` generates one (cached in `certDir` when given). */
  tls?: CertificatePair | 'self-signed';
  certDir?: string;
  realm: string;
  credentials: CredentialStore | Record<string, string>;
  bindingStore?: BindingStore;
  scheduler?: Scheduler;
  /** Defence settings; `false` turns the guard off (benches against a single source). */
  guard?: Omit<GuardOptions, 'clock'> | false;
  /** OPTIONS qualify period; null/0 = off. */
  qualifyIntervalMs?: number | null;
  nonceTtlMs?: number;
  nonceSecret?: Uint8Array;
  /** Digest challenge order (default MD5, SHA-256; see DEFAULT_CHALLENGE_ORDER). */
  algorithms?: readonly DigestAlgorithm[];
  defaultExpires?: number;
  minExpires?: number;
  maxExpires?: number;
  /** Requests other than REGISTER and out-of-dialog OPTIONS (the switch's B2BUA plugs in here). */
  onRequest?: (inc: IncomingRequest) => void;
}

export interface RegistrarServer {
  readonly endpoint: SipEndpoint;
  readonly registrar: Registrar;
  readonly digest: DigestServer;
  readonly guard: Guard | null;
  readonly qualifier: Qualifier | null;
  readonly ports: { udp?: number; tcp?: number; tls?: number };
  close(): Promise<void>;
}

/**
 * A runnable registrar: transports + transaction layer + digest + registrar + guard + qualify,
 * wired together. The switch composes the same parts and adds its B2BUA through `onRequest`.
 */
export async function startRegistrarServer(o: RegistrarServerOptions): Promise<RegistrarServer> {
  const host = o.host ?? '127.0.0.1';
  const scheduler = o.scheduler ?? systemScheduler;
  const transports: Transport[] = [];
  const ports: { udp?: number; tcp?: number; tls?: number } = {};
  try {
    if (o.udpPort !== undefined && o.udpPort !== null) {
      const t = await UdpTransport.listen({ host, port: o.udpPort });
      transports.push(t);
      ports.udp = t.local.port;
    }
    if (o.tcpPort !== undefined && o.tcpPort !== null) {
      const t = await StreamTransport.listen('tcp', { host, port: o.tcpPort });
      transports.push(t);
      ports.tcp = t.local.port;
    }
    if (o.tlsPort !== undefined && o.tlsPort !== null) {
      const pair =
        o.tls === undefined || o.tls === 'self-signed'
          ? selfSignedCertificate(o.certDir ? { dir: o.certDir } : {})
          : o.tls;
      const t = await StreamTransport.listen('tls', { host, port: o.tlsPort, tls: pair });
      transports.push(t);
      ports.tls = t.local.port;
    }
  } catch (e) {
    await Promise.all(transports.map((t) => t.close()));
    throw e;
  }

  const guard = o.guard === false ? null : new Guard({ clock: scheduler, ...(o.guard ?? {}) });
  const endpoint = new SipEndpoint({
    transports,
    scheduler,
    ...(guard ? { admit: (src, msg) => guard.admit(src, msg) } : {}),
  });
  const credentials =
    'lookup' in o.credentials && typeof o.credentials.lookup === 'function'
      ? (o.credentials as CredentialStore)
      : new StaticCredentialStore(o.credentials as Record<string, string>);
  const digest = new DigestServer({
    realm: o.realm,
    credentials,
    clock: scheduler,
    ...(o.nonceSecret ? { secret: o.nonceSecret } : {}),
    ...(o.nonceTtlMs ? { nonceTtlMs: o.nonceTtlMs } : {}),
    ...(o.algorithms ? { algorithms: o.algorithms } : {}),
  });
  const registrar = new Registrar({
    digest,
    store: o.bindingStore ?? new MemoryBindingStore(),
    scheduler,
    ...(o.defaultExpires !== undefined ? { defaultExpires: o.defaultExpires } : {}),
    ...(o.minExpires !== undefined ? { minExpires: o.minExpires } : {}),
    ...(o.maxExpires !== undefined ? { maxExpires: o.maxExpires } : {}),
    ...(guard ? { isUserLocked: (u: string) => guard.isBanned('user', u) } : {}),
  });
  if (guard) {
    registrar.authFailed.on((f) => guard.recordAuthFailure(f.source, f.user));
    registrar.authSucceeded.on((s) => guard.recordAuthSuccess(s.source, s.user));
  }
  await registrar.start();
  const sweep = guard ? scheduler.setInterval(() => guard.sweep(), 1000) : null;

  endpoint.request.on((inc) => {
    const m = inc.request.method;
    if (m === 'REGISTER') {
      void registrar.handle(inc).catch(() => inc.respond(500));
    } else if (o.onRequest) {
      o.onRequest(inc);
    } else if (m === 'OPTIONS') {
      inc.respond(200, {
        headers: [
          ['Allow', ALLOWED_METHODS],
          ['Accept', 'application/sdp'],
        ],
      });
    } else {
      inc.respond(405, { headers: [['Allow', 'OPTIONS, REGISTER']] });
    }
  });

  let qualifier: Qualifier | null = null;
  if (o.qualifyIntervalMs) {
    const first = transports[0];
    qualifier = new Qualifier({
      endpoint,
      bindings: () => registrar.all(),
      fromUri: `sip:registrar@${host}${first ? `:${first.local.port}` : ''}`,
      intervalMs: o.qualifyIntervalMs,
    });
    qualifier.start();
  }

  return {
    endpoint,
    registrar,
    digest,
    guard,
    qualifier,
    ports,
    async close() {
      qualifier?.stop();
      sweep?.cancel();
      await registrar.stop();
      await endpoint.close();
    },
  };
}
