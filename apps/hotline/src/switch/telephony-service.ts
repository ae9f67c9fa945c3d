import type { CallControlEvent, CommandInput, Reply, Snapshot } from '@hotline/contracts';
import type { Store } from '@hotline/store';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { CallControlClient } from './call-control-client.ts';
import { backfillCdrRegions, trunkAreaCodes } from './cdr-region.ts';
import { controlToken, switchControlUrl } from './control-token.ts';
import { reconcileBans } from './telephony-bans-reconcile.ts';
import { isBanEvent, storeBanEvent } from './telephony-bans-store.ts';
import { loadSwitchConfig, storeSwitchEvent, telephonyDb } from './telephony-store.ts';
import { TrunkSecrets } from './trunk-secrets.ts';

/**
 * Control's telephony side: one call-control client to the switch; pushes the switch's
 * configuration from the database on every (re)connect (trunk passwords opened by `trunkSecrets`)
 * and reconciles the stored bans with the snapshot's; stores CDRs (with the caller's region),
 * recordings, alerts and bans.
 */
export class TelephonyService {
  readonly client: CallControlClient;
  /** Outbound trunk passwords, sealed at rest; opened by `start()` (decision 0309). */
  readonly trunkSecrets: TrunkSecrets;
  readonly #store: Store;
  readonly #config: Config;
  readonly #log: Logger;
  readonly #listeners = new Set<(e: CallControlEvent) => void>();
  /** Trunk area codes for the CDRs' regions: read once, again after each configuration change. */
  #areaCodes: Promise<ReadonlyMap<string, string>> | null = null;
  #reconciling: Promise<void> = Promise.resolve();

  constructor(store: Store, config: Config, log: Logger) {
    this.#store = store;
    this.#config = config;
    this.#log = log;
    this.trunkSecrets = new TrunkSecrets(store, config, log);
    this.client = new CallControlClient({
      url: switchControlUrl(config),
      token: controlToken(config),
      name: `control-${process.pid}`,
      onEvent: async (e) => {
        const switchId = this.client.lastSnapshot?.switchId ?? 'switch';
        if (isBanEvent(e)) await storeBanEvent(store, switchId, e);
        else await storeSwitchEvent(telephonyDb(store), switchId, e, await this.#trunkAreaCodes());
        for (const l of this.#listeners) l(e);
      },
      log: (level, msg, data) => log[level](data ?? {}, msg),
    });
    this.client.snapshot.on((s) => {
      log.info(
        { legs: s.legs.length, bridges: s.bridges.length, registrations: s.registrations.length },
        'switch snapshot',
      );
      void this.pushConfig();
      void this.reconcileBans(s);
    });
  }

  /**
   * Closes, inserts or reopens stored bans so they match the snapshot's (decision 0310). Runs one
   * after another: a quick reconnect never reconciles two snapshots at once.
   */
  reconcileBans(s: Snapshot): Promise<void> {
    this.#reconciling = this.#reconciling.then(() => this.#reconcile(s));
    return this.#reconciling;
  }

  async #reconcile(s: Snapshot): Promise<void> {
    // A switch older than revision 2 does not report its bans: nothing to compare with.
    if (!s.bans) return;
    try {
      const r = await reconcileBans(this.#store, { id: s.id, switchId: s.switchId, ts: s.ts, bans: s.bans });
      if (r.closed.length + r.inserted.length + r.reopened.length > 0) {
        this.#log.info(
          { closed: r.closed.length, inserted: r.inserted.length, reopened: r.reopened.length },
          'bans reconciled with the switch',
        );
      }
    } catch (e) {
      this.#log.warn({ err: e }, 'reconciling bans with the switch failed; tried again on the next connect');
    }
  }

  onEvent(fn: (e: CallControlEvent) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #trunkAreaCodes(): Promise<ReadonlyMap<string, string>> {
    this.#areaCodes ??= trunkAreaCodes(telephonyDb(this.#store)).catch((e: unknown) => {
      this.#areaCodes = null;
      throw e;
    });
    return this.#areaCodes;
  }

  /** Pushes the stored configuration; called on every (re)connect and after every change to it. */
  async pushConfig(): Promise<void> {
    this.#areaCodes = null;
    const unreadable: string[] = [];
    const cfg = await loadSwitchConfig(telephonyDb(this.#store), {
      fallbackExtensions: this.#config.fallbackExtensions ? this.#config.fallbackExtensions.split(',') : [],
      version: Math.floor(Date.now() / 1000),
      revealPassword: (stored) => this.trunkSecrets.reveal(stored),
      unreadable,
    });
    if (unreadable.length > 0) {
      this.#log.warn({ trunks: unreadable }, 'trunk passwords that do not decrypt were left out of the push');
    }
    const r = await this.client.command({ type: 'switch.configure', config: cfg });
    if (!r.ok) this.#log.warn({ error: r.error }, 'switch.configure failed');
  }

  command(body: CommandInput): Promise<Reply> {
    return this.client.command(body);
  }

  /**
   * Opens the trunk secrets (a `ConfigError` naming HOTLINE_SECRET_KEY when the key is missing or
   * wrong), then connects to the switch.
   */
  async start(): Promise<void> {
    await this.trunkSecrets.open();
    this.client.start();
    // CDRs stored before regions were (migration 0302): filled once, in the background.
    backfillCdrRegions(telephonyDb(this.#store)).then(
      (n) => n > 0 && this.#log.info({ cdrs: n }, 'caller regions filled in'),
      (e: unknown) => this.#log.warn({ err: e }, 'filling in caller regions failed'),
    );
  }

  stop(): void {
    this.client.stop();
  }
}
