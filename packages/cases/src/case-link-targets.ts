import { ErrorCode, HotlineError } from '@hotline/core';
import type { CaseCommand } from './case-commands.ts';
import type { CasesDb } from './case-repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far up a chain of duplicates the cycle check walks (real chains are one or two long). */
export const MAX_DUPLICATE_DEPTH = 64;

const invalid = (message: string, details: Record<string, string>) =>
  new HotlineError(ErrorCode.ValidationFailed, message, details);

/**
 * Checks what a link command points at, inside the command's transaction and before anything is
 * written (the pure `decide` cannot see other rows): `link_incident` needs an existing, open
 * incident (its row is share-locked so it cannot be resolved meanwhile); `link_duplicate` an
 * existing other case whose own chain of duplicates does not lead back to this one. Returns the
 * refusal, or null. Without it the foreign keys of `cases` would turn a made-up id into a 500.
 */
export async function linkTargetProblem(db: CasesDb, caseId: string, cmd: CaseCommand): Promise<HotlineError | null> {
  if (cmd.type === 'link_incident') {
    if (cmd.incidentId === null) return null;
    const id = cmd.incidentId;
    if (typeof id !== 'string' || !UUID.test(id)) return invalid('incidentId: no such incident', { incidentId: id });
    const row = await db
      .selectFrom('case_incidents')
      .select(['status'])
      .where('id', '=', id)
      .forShare()
      .executeTakeFirst();
    if (!row) return invalid('incidentId: no such incident', { incidentId: id });
    if (row.status !== 'open') {
      return new HotlineError(ErrorCode.IllegalTransition, 'cases are linked to open incidents only', {
        incidentId: id,
      });
    }
    return null;
  }
  if (cmd.type === 'link_duplicate') {
    const parent = cmd.parentCaseId;
    if (typeof parent !== 'string' || !UUID.test(parent))
      return invalid('parentCaseId: no such case', { parentCaseId: String(parent) });
    if (parent === caseId) return invalid('a case cannot duplicate itself', { parentCaseId: parent });
    let at: string | null = parent;
    for (let depth = 0; at !== null; depth++) {
      if (depth > MAX_DUPLICATE_DEPTH)
        return invalid('parentCaseId: chain of duplicates too long', { parentCaseId: parent });
      const row = await db.selectFrom('cases').select(['parent_case_id']).where('id', '=', at).executeTakeFirst();
      if (!row) return invalid('parentCaseId: no such case', { parentCaseId: parent });
      at = row.parent_case_id;
      if (at === caseId)
        return invalid('parentCaseId: that case is (through its own links) a duplicate of this one', {
          parentCaseId: parent,
        });
    }
    return null;
  }
  return null;
}
