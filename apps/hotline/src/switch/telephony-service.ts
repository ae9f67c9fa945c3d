import type { CallControlEvent, CommandInput, Reply } from '@hotline/contracts';
import type { Store } from '@hotline/store';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { CallControlClient } from './call-control-client.ts';
import { backfillCdrRegions, trunkAreaCodes } from './cdr-region.ts';
import { controlToken, switchControlUrl } from './control-token.ts';
import { isBanEvent, storeBanEvent } from './telephony-bans-store.ts';
import { loadSwitchConfig, storeSwitchEvent, telephonyDb } from './telephony-store.ts';

/**
 * Control's telephony side: one call-control client to the switch; pushes the switch's
 * configuration from the database on every (re)connect; stores CDRs (with the caller's region),
 * recordings and alerts.
 */
export class TelephonyService {
  readonly client: CallControlClient;
  readonly #store: Store;
  readonly #config: Config;
  readonly #log: Logger;
  readonly #listeners = new Set<(e: CallControlEvent) => void>();
  /** Trunk area codes for the CDRs' regions: read once, again after each configuration change. */
  #areaCodes: Promise<ReadonlyMap<string, string>> | null = null;

  constructor(store: Store, config: Config, log: Logger) {
    this.#store = store;
    this.#config = config;
    this.#log = log;
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
    });
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
    const cfg = await loadSwitchConfig(telephonyDb(this.#store), {
      fallbackExtensions: this.#config.fallbackExtensions ? this.#config.fallbackExtensions.split(',') : [],
      version: Math.floor(Date.now() / 1000),
    });
    const r = await this.client.command({ type: 'switch.configure', config: cfg });
    if (!r.ok) this.#log.warn({ error: r.error }, 'switch.configure failed');
  }

  command(body: CommandInput): Promise<Reply> {
    return this.client.command(body);
  }

  start(): void {
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
