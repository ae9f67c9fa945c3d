import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchConfig } from '@hotline/contracts';
import { systemScheduler } from '@hotline/core';
import { MediaEngine } from '@hotline/media';
import {
  type CertificatePair,
  Guard,
  type GuardOptions,
  JsonFileBindingStore,
  SipEndpoint,
  StreamTransport,
  selfSignedCertificate,
  type Transport,
  UdpTransport,
} from '@hotline/sip';
import { BanJournal } from './control/ban-journal.ts';
import { EventJournal } from './control/event-journal.ts';
import { listenForControl } from './control/ws-listener.ts';
import { Switch, type SwitchLog } from './switch.ts';

/** The shipped fallback announcement (rendered with espeak-ng + sox, 8 kHz mono): "热线暂时无法接通，请稍后再拨。" */
export const FALLBACK_ANNOUNCEMENT = join(import.meta.dirname, 'assets', 'fallback-announcement.wav');

export interface SwitchRuntimeOptions {
  sipHost: string;
  sipPort: number;
  /** Also listen on TCP (same port). */
  tcp?: boolean;
  /** Also listen on TLS on this port (0 = ephemeral); the certificate is `tls` or a self-signed one. */
  tlsPort?: number;
  tls?: CertificatePair;
  /** Guard settings (ban time, thresholds, rate); `false` turns the guard off (benches only). */
  guard?: Omit<GuardOptions, 'clock'> | false;
  advertiseHost?: string;
  rtpPortMin: number;
  rtpPortMax: number;
  mediaWorkers?: number;
  recordingsDir: string;
  /** `<dataDir>/switch/` holds the configuration cache and rendered prompts. */
  dataDir: string;
  controlHost: string;
  controlPort: number;
  controlToken: string;
  /** Used when no cached configuration exists yet. */
  initialConfig?: SwitchConfig;
  announcementFile?: string;
  log: SwitchLog;
}

export interface SwitchRuntime {
  sw: Switch;
  media: MediaEngine;
  sipPort: number;
  /** The TLS port when `tlsPort` was given. */
  tlsPort: number | null;
  controlPort: number;
  close(): Promise<void>;
}

/** Unacknowledged call-control events (decision 0306). */
export function eventJournalPath(dataDir: string): string {
  return join(dataDir, 'switch', 'events.journal');
}

/** The SIP guard's bans, restored at start (decision 0308). */
export function banJournalPath(dataDir: string): string {
  return join(dataDir, 'switch', 'bans.journal');
}

/** Where the registrar keeps its bindings so that registrations survive a switch restart. */
export function bindingsPath(dataDir: string): string {
  return join(dataDir, 'switch', 'bindings.json');
}

/**
 * The digest nonce key, kept in `<dataDir>/switch/nonce-secret` (0600) so that nonces handed out
 * before a restart still verify after it (phones then need no extra challenge round).
 */
export function nonceSecret(dataDir: string): Buffer {
  const p = join(dataDir, 'switch', 'nonce-secret');
  mkdirSync(join(dataDir, 'switch'), { recursive: true });
  try {
    writeFileSync(p, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch {
    // exists already
  }
  const b = readFileSync(p);
  return b.length >= 16 ? b : randomBytes(32);
}

export function configCachePath(dataDir: string): string {
  return join(dataDir, 'switch', 'config.json');
}

/** Reads the configuration cached from control's last push (decision 0302); null when none/invalid. */
export function loadCachedConfig(dataDir: string): SwitchConfig | null {
  const p = configCachePath(dataDir);
  if (!existsSync(p)) return null;
  try {
    const r = SwitchConfig.safeParse(JSON.parse(readFileSync(p, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function saveCachedConfig(dataDir: string, c: SwitchConfig): void {
  const p = configCachePath(dataDir);
  mkdirSync(join(dataDir, 'switch'), { recursive: true });
  writeFileSync(`${p}.tmp`, JSON.stringify(c, null, 2), { mode: 0o600 });
  renameSync(`${p}.tmp`, p);
}

function selfSignedOrNull(o: SwitchRuntimeOptions): { cert: string; key: string } | null {
  try {
    return selfSignedCertificate({ dir: join(o.dataDir, 'switch', 'tls') });
  } catch (e) {
    o.log.warn(
      { err: (e as Error).message },
      'SIP over TLS disabled: no certificate configured and none could be made',
    );
    return null;
  }
}

/** Starts a whole switch: SIP transports, media workers, the B2BUA and the call-control listener. */
export async function startSwitchRuntime(o: SwitchRuntimeOptions): Promise<SwitchRuntime> {
  const transports: Transport[] = [await UdpTransport.listen({ host: o.sipHost, port: o.sipPort })];
  const sipPort = transports[0]?.local.port ?? o.sipPort;
  if (o.tcp) transports.push(await StreamTransport.listen('tcp', { host: o.sipHost, port: sipPort }));
  let tlsPort: number | null = null;
  // A configured certificate must work; the demo's self-signed one is best effort (it needs
  // openssl): without it the switch runs on UDP/TCP and says why, rather than not starting.
  const pair = o.tlsPort === undefined ? null : (o.tls ?? selfSignedOrNull(o));
  if (o.tlsPort !== undefined && pair) {
    const t = await StreamTransport.listen('tls', { host: o.sipHost, port: o.tlsPort, tls: pair });
    transports.push(t);
    tlsPort = t.local.port;
  }
  // docs/decisions/0102: the guard drops banned sources, scanners and floods before parsing.
  const guard = o.guard === false ? null : new Guard({ clock: systemScheduler, ...(o.guard ?? {}) });
  const endpoint = new SipEndpoint({
    transports,
    scheduler: systemScheduler,
    ...(guard ? { admit: (src, msg) => guard.admit(src, msg) } : {}),
  });
  const media = new MediaEngine({
    ...(o.mediaWorkers ? { workers: o.mediaWorkers } : {}),
    bindAddress: o.sipHost,
    portMin: o.rtpPortMin,
    portMax: o.rtpPortMax,
    recordingsDir: o.recordingsDir,
  });
  await media.start();
  const journal = new EventJournal(eventJournalPath(o.dataDir));
  const banJournal = guard ? new BanJournal(banJournalPath(o.dataDir)) : null;
  const cached = loadCachedConfig(o.dataDir);
  const config = cached ?? o.initialConfig ?? SwitchConfig.parse({});
  const sw = new Switch({
    endpoint,
    media,
    scheduler: systemScheduler,
    config,
    advertiseHost: o.advertiseHost ?? (o.sipHost === '0.0.0.0' ? '127.0.0.1' : o.sipHost),
    recordingsDir: o.recordingsDir,
    announcementFile: o.announcementFile ?? FALLBACK_ANNOUNCEMENT,
    promptCacheDir: join(o.dataDir, 'switch', 'prompts'),
    controlToken: o.controlToken,
    log: o.log,
    saveConfig: (c) => saveCachedConfig(o.dataDir, c),
    // Without the admission hook a guard only counts; with infinite thresholds it never bans.
    guard: guard ?? new Guard({ clock: systemScheduler, maxFailuresPerIp: Infinity, maxFailuresPerUser: Infinity }),
    bindingStore: new JsonFileBindingStore(bindingsPath(o.dataDir)),
    nonceSecret: nonceSecret(o.dataDir),
    journal,
    ...(banJournal ? { banJournal } : {}),
  });
  await sw.start();
  // A cache written before HA1 (decision 0305) is rewritten without its clear passwords.
  if (cached && JSON.stringify(cached) !== JSON.stringify(sw.config)) saveCachedConfig(o.dataDir, sw.config);
  const listener = await listenForControl(sw.control, { host: o.controlHost, port: o.controlPort });
  return {
    sw,
    media,
    sipPort,
    tlsPort,
    controlPort: listener.port,
    close: async () => {
      await sw.close();
      await new Promise((r) => setTimeout(r, 50));
      await listener.close();
      await endpoint.close();
      await media.stop();
      journal.close();
      banJournal?.close();
    },
  };
}
