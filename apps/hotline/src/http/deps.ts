import type { Scheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import type { Registry } from 'prom-client';
import type { Accounts } from '../accounts/accounts.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** What route modules get from the composition root. */
export interface AppDeps {
  config: Config;
  store: Store;
  accounts: Accounts;
  log: Logger;
  clock: Scheduler;
  metrics: Registry;
}
