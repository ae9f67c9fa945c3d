/** An in-process switch plus an in-process control (HTTP API + call-control client) wired to it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import { type SwitchRuntime, type SwitchRuntimeOptions, startSwitchRuntime } from '@hotline/switch';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { Accounts } from '../accounts/accounts.ts';
import { loadConfig } from '../config.ts';
import { bootstrapAdmin } from '../control.ts';
import { seedDemo } from '../demo.ts';
import { createHttpServer } from '../http/server.ts';
import { createLogger } from '../log.ts';

export const TEST_TOKEN = 'switch-and-control-test-token';

export interface SwitchAndControl {
  rt: SwitchRuntime;
  app: FastifyInstance;
  store: Store;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts the switch (real UDP SIP, media workers) and then control's HTTP app whose telephony
 * service connects to it. `seed` runs on the store before the app starts (and so before control
 * pushes the configuration to the switch).
 */
export async function startSwitchAndControl(o: {
  sipPort: number;
  rtp: [number, number];
  guard?: SwitchRuntimeOptions['guard'];
  tlsPort?: number;
  seed?: (store: Store) => Promise<void>;
}): Promise<SwitchAndControl> {
  const dir = mkdtempSync(join(tmpdir(), 'switch-control-'));
  const quiet = { info: () => undefined, warn: () => undefined };
  const rt = await startSwitchRuntime({
    sipHost: '127.0.0.1',
    sipPort: o.sipPort,
    tcp: true,
    ...(o.tlsPort !== undefined ? { tlsPort: o.tlsPort } : {}),
    rtpPortMin: o.rtp[0],
    rtpPortMax: o.rtp[1],
    mediaWorkers: 1,
    recordingsDir: join(dir, 'recordings'),
    dataDir: dir,
    controlHost: '127.0.0.1',
    controlPort: 0,
    controlToken: TEST_TOKEN,
    ...(o.guard !== undefined ? { guard: o.guard } : {}),
    log: process.env.SWITCH_TEST_LOG ? { info: quiet.info, warn: (d, m) => console.error(m, d) } : quiet,
  });
  const store = await openTestStore();
  const config = loadConfig({
    HOTLINE_DATA_DIR: dir,
    HOTLINE_LOG_LEVEL: 'silent',
    HOTLINE_SWITCH_CONTROL_PORT: String(rt.controlPort),
    HOTLINE_CALL_CONTROL_TOKEN: TEST_TOKEN,
    HOTLINE_FALLBACK_EXTENSIONS: '',
  });
  const clock = new FakeScheduler(Date.now());
  const accounts = new Accounts(store.db, clock, { sessionTtlMs: 3_600_000, maxFailures: 5, lockMs: 15 * 60_000 });
  await bootstrapAdmin(store, accounts, config);
  await seedDemo(store, accounts, config, { features: false });
  await o.seed?.(store);
  const { app } = await createHttpServer(
    { config, store, accounts, log: createLogger('test', 'silent'), clock, metrics: new Registry() },
    { webDist: null },
  );
  await app.ready();
  return {
    rt,
    app,
    store,
    dir,
    close: async () => {
      await app.close();
      await store.close();
      await rt.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
