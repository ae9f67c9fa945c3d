/** The control process: database, accounts, HTTP API and web. Composition root of the domain. */
import { join } from 'node:path';
import { systemScheduler } from '@hotline/core';
import { openStore, type Store, writeAudit } from '@hotline/store';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { Accounts } from './accounts/accounts.ts';
import { generatePassword } from './accounts/password.ts';
import { startCaseFileCleanup } from './case-files-cleanup.ts';
import { startCaseAlerts } from './cases-alerts.ts';
import type { Config } from './config.ts';
import { DEMO_ADMIN, seedDemo } from './demo.ts';
import type { AppDeps } from './http/deps.ts';
import { casesRepository } from './http/routes/cases-repository.ts';
import { createHttpServer } from './http/server.ts';
import type { Logger } from './log.ts';

export function openConfiguredStore(config: Config): Promise<Store> {
  return config.databaseUrl ? openStore({ databaseUrl: config.databaseUrl }) : openStore({ dataDir: config.dbDir });
}

export function createAccounts(store: Store, config: Config): Accounts {
  return new Accounts(store.db, systemScheduler, {
    sessionTtlMs: config.sessionTtlHours * 3_600_000,
    maxFailures: config.loginMaxFailures,
    lockMs: config.loginLockMinutes * 60_000,
  });
}

/**
 * First run: create the admin. In demo mode the documented demo password is used (unless
 * HOTLINE_ADMIN_PASSWORD is set); otherwise a random one is generated and printed once.
 */
export async function bootstrapAdmin(
  store: Store,
  accounts: Accounts,
  config: Config,
): Promise<{ username: string; password: string } | null> {
  const any = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const password = config.adminPassword ?? (config.demo ? DEMO_ADMIN.password : generatePassword());
  await store.transaction(async (trx) => {
    const u = await accounts.createUser(
      {
        username: DEMO_ADMIN.username,
        displayName: DEMO_ADMIN.displayName,
        password,
        roles: ['admin'],
        mustChangePassword: !config.demo && !config.adminPassword,
      },
      trx,
    );
    await writeAudit(trx, { action: 'user.bootstrap', actorName: 'system', targetType: 'user', targetId: u.id });
  });
  return { username: DEMO_ADMIN.username, password };
}

export interface RunningControl {
  url: string;
  close(): Promise<void>;
}

export async function startControl(config: Config, log: Logger): Promise<RunningControl> {
  const store = await openConfiguredStore(config);
  if (store.migrations?.applied.length) log.info({ applied: store.migrations.applied }, 'migrations applied');
  const accounts = createAccounts(store, config);
  const admin = await bootstrapAdmin(store, accounts, config);
  if (config.demo && (await seedDemo(store, accounts, config))) log.info('demo data seeded');
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'hotline_control_' });
  const deps: AppDeps = { config, store, accounts, log, clock: systemScheduler, metrics };
  const { app } = await createHttpServer(deps);
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  const url = config.publicUrl ?? `http://${host}:${port}`;
  log.info({ url, database: store.dialect }, 'control listening');
  const caseAlerts = await startCaseAlerts({ repo: casesRepository(deps), scheduler: systemScheduler, log });
  const fileCleanup = await startCaseFileCleanup({
    repo: casesRepository(deps),
    dir: join(config.dataDir, 'files'),
    scheduler: systemScheduler,
    log,
    maxAgeMs: config.caseFileUnboundHours * 3_600_000,
  });
  const lines = [
    `Hotline is running: ${url}`,
    `SIP: ${config.sipHost}:${config.sipPort} (UDP and TCP), ${config.sipHost}:${config.sipTlsPort} (TLS)`,
  ];
  if (admin) lines.push(`Admin login (shown once): ${admin.username} / ${admin.password}`);
  if (config.demo) lines.push('Demo users: see README "Demo" or run `npx hotline demo --json`');
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  return {
    url,
    close: async () => {
      await caseAlerts.stop();
      await fileCleanup.stop();
      await app.close();
      await store.close();
    },
  };
}
