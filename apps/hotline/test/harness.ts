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

/** The demo users (seedDemo) by the names tests give them, with their demo passwords. */
const DEMO_LOGINS = {
  admin: ['admin', 'hotline-admin'],
  supervisor: ['banzhang', 'hotline-super'],
  agent: ['agent1', 'hotline-agent'],
  agent2: ['agent2', 'hotline-agent'],
  qa: ['qa', 'hotline-qa'],
  leader: ['leader', 'hotline-leader'],
  water: ['water', 'hotline-dept'],
  dongcheng: ['dongcheng', 'hotline-dept'],
} as const;

/** Logs in each named demo user: `({ admin, agent } = await loginDemo(h.app, 'admin', 'agent'))`. */
export async function loginDemo<U extends keyof typeof DEMO_LOGINS>(
  app: FastifyInstance,
  ...users: U[]
): Promise<Record<U, Client>> {
  const out = {} as Record<U, Client>;
  for (const u of users) {
    const [username, password] = DEMO_LOGINS[u];
    out[u] = await login(app, username, password);
  }
  return out;
}

export type Party = { signDeadline: number; finishDeadline: number; dispatchedAt: number };

/**
 * A repair case registered by `agent` (a leaking hydrant in 东城区, category 030201 of the seeded
 * catalog; `intake` overrides) and dispatched at once to `departmentId` as lead: its id, number and
 * lead party.
 */
export async function dispatchedCase(
  agent: Client,
  departmentId: string | undefined,
  intake: Record<string, unknown> = {},
): Promise<{ id: string; number: string; party: Party }> {
  const c = await agent.request('POST', '/api/v1/cases', {
    type: 'repair',
    categoryCode: '030201',
    caller: { name: '王先生', phone: '13900001111' },
    address: { text: '东城区和平路2号', districtCode: '330102' },
    description: '消火栓漏水',
    ...intake,
  });
  if (c.status !== 201) throw new Error(`register failed: ${c.status} ${JSON.stringify(c.json)}`);
  const { id, number } = (c.json as { case: { id: string; number: string } }).case;
  const d = await agent.request('POST', `/api/v1/cases/${id}/commands`, {
    type: 'dispatch',
    parties: [{ departmentId, role: 'lead' }],
  });
  if (d.status !== 200) throw new Error(`dispatch failed: ${d.status} ${JSON.stringify(d.json)}`);
  return { id, number, party: (d.json as { case: { parties: Party[] } }).case.parties[0] as Party };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
