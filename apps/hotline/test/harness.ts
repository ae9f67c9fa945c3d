/** An in-process control (HTTP API over a fresh test store) with logged-in clients per role. */
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { Accounts } from '../src/accounts/accounts.ts';
import { loadConfig } from '../src/config.ts';
import { bootstrapAdmin } from '../src/control.ts';
import { seedDemo } from '../src/demo.ts';
import type { RouteTable } from '../src/http/define-route.ts';
import { createHttpServer } from '../src/http/server.ts';
import { createLogger } from '../src/log.ts';

export interface Harness {
  app: FastifyInstance;
  table: RouteTable;
  store: Store;
  accounts: Accounts;
  clock: FakeScheduler;
  close(): Promise<void>;
}

export async function startHarness(opts: { demo?: boolean } = {}): Promise<Harness> {
  const store = await openTestStore();
  const config = loadConfig({ HOTLINE_DATA_DIR: '/tmp/hotline-test-unused', HOTLINE_LOG_LEVEL: 'silent' });
  const clock = new FakeScheduler(Date.now());
  const accounts = new Accounts(store.db, clock, { sessionTtlMs: 3_600_000, maxFailures: 5, lockMs: 15 * 60_000 });
  await bootstrapAdmin(store, accounts, config);
  // Users and departments only: feature tests seed what they need themselves.
  if (opts.demo !== false) await seedDemo(store, accounts, config, { features: false });
  const log = createLogger('test', 'silent');
  const { app, table } = await createHttpServer(
    { config, store, accounts, log, clock, metrics: new Registry() },
    { webDist: null },
  );
  await app.ready();
  return {
    app,
    table,
    store,
    accounts,
    clock,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export interface Client {
  cookie: string;
  csrf: string;
  request(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }>;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'hl_session');
  if (!setCookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const cookie = `hl_session=${setCookie.value}`;
  return {
    cookie,
    csrf,
    async request(method, url, body) {
      const r = await app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: r.statusCode, json: r.body ? safeJson(r.body) : null, headers: r.headers };
    },
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
