/**
 * hotline — the command line.
 *   start            supervisor: runs control (and the switch) as child processes
 *   control          the control process alone (API, web, domain)
 *   switch           the switch process alone (SIP + media; control connects over call-control)
 *   migrate          apply database migrations and exit
 *   demo [--json]    seed the demo data (idempotent) and print the demo installation
 *   doctor           check the environment (Node, database, tools, ports)
 */
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';

const EX_CONFIG = 78;
const [command = 'help', ...rest] = process.argv.slice(2);

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`hotline: ${e.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw e;
  }
}

async function main(): Promise<number> {
  switch (command) {
    case 'start': {
      const c = config();
      const log = createLogger('supervisor', c.logLevel);
      const { ensureWebBuilt } = await import('./web-build.ts');
      await ensureWebBuilt(log);
      const { runSupervisor } = await import('./supervisor.ts');
      return runSupervisor(log, [
        { name: 'switch', args: ['switch'] },
        { name: 'control', args: ['control'] },
      ]);
    }
    case 'control': {
      const c = config();
      const log = createLogger('control', c.logLevel);
      const { startControl } = await import('./control.ts');
      const running = await startControl(c, log);
      await new Promise<void>((resolve) => {
        for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
      });
      log.info('control stopping');
      await running.close();
      return 0;
    }
    case 'switch': {
      const c = config();
      const log = createLogger('switch', c.logLevel);
      const { startSwitch } = await import('./switch/switch-process.ts');
      const running = await startSwitch(c, log);
      await new Promise<void>((resolve) => {
        for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
      });
      log.info('switch stopping');
      await running.close();
      return 0;
    }
    case 'migrate': {
      const c = config();
      const { openConfiguredStore } = await import('./control.ts');
      const store = await openConfiguredStore(c);
      const m = store.migrations;
      process.stdout.write(
        `applied ${m?.applied.length ?? 0} migration(s), ${m?.alreadyApplied ?? 0} already present\n`,
      );
      await store.close();
      return 0;
    }
    case 'demo': {
      const c = config();
      const { openConfiguredStore, createAccounts, bootstrapAdmin } = await import('./control.ts');
      const { seedDemo, demoDescription } = await import('./demo.ts');
      const store = await openConfiguredStore(c);
      const accounts = createAccounts(store, { ...c, demo: true });
      await bootstrapAdmin(store, accounts, { ...c, demo: true });
      const seeded = await seedDemo(store, accounts, c);
      await store.close();
      const d = demoDescription(c);
      if (rest.includes('--json')) process.stdout.write(`${JSON.stringify(d)}\n`);
      else {
        process.stdout.write(`${seeded ? 'demo data seeded' : 'demo data already present'}\n`);
        process.stdout.write(`web: ${d.httpBaseUrl}\n`);
        for (const u of d.users)
          process.stdout.write(`  ${u.username.padEnd(10)} ${u.password.padEnd(16)} ${u.roles.join(',')}\n`);
      }
      return 0;
    }
    case 'doctor': {
      const c = config();
      const { runDoctor } = await import('./doctor.ts');
      return runDoctor(c);
    }
    default:
      process.stdout.write(
        'usage: hotline <start|control|switch|migrate|demo [--json]|doctor>\nConfiguration: environment variables, see README.\n',
      );
      return command === 'help' || command === '--help' ? 0 : 64;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Found only at start (e.g. a secret key that does not open the database's secrets, decision
    // 0309): the message, and the exit code that keeps the supervisor from restarting in a loop.
    if (e instanceof ConfigError) {
      process.stderr.write(`hotline ${command}: ${e.message}\n`);
      process.exit(EX_CONFIG);
    }
    process.stderr.write(`hotline ${command}: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
