import { CaseRepository } from '@hotline/cases';
import type { AppDeps } from '../deps.ts';

const repos = new WeakMap<object, CaseRepository>();

/**
 * The process's one CaseRepository per store (keyed by its database handle), built with the
 * configured case number prefix: the control process, the alert scan and every route module share
 * it, so an admin edit's `invalidate()` reaches all of them.
 */
export function casesRepository(deps: Pick<AppDeps, 'store' | 'config' | 'clock'>): CaseRepository {
  let repo = repos.get(deps.store.db);
  if (!repo) {
    repo = new CaseRepository(deps.store, {
      clock: deps.clock,
      config: { numberPrefix: deps.config.caseNumberPrefix },
    });
    repos.set(deps.store.db, repo);
  }
  return repo;
}
