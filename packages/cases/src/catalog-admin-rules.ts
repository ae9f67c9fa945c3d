import { type Database, type Kysely, writeAudit } from '@hotline/store';
import type { Actor } from './actor.ts';
import { type CaseRepository, isUuid } from './case-repository.ts';
import { refreshOpenClocks } from './catalog-admin.ts';
import type { ClockRules } from './time-limit.ts';

/**
 * The administrator's clock rule "自次日起算" (count day-based limits from the next working day),
 * kept in the `settings` row `cases.clock_rules` above the configured default. Like a calendar
 * edit, changing it moves the deadlines of open cases (they are recomputed on every fold).
 */
export const CLOCK_RULES_KEY = 'cases.clock_rules';

/** The part of the clock rules an administrator may change. */
export type ClockRulesPatch = Pick<ClockRules, 'countFromNextDay'>;

/** The stored rule over `base`; a missing or malformed row leaves `base` as it is. */
export async function readClockRules(db: Kysely<Database>, base: ClockRules): Promise<ClockRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CLOCK_RULES_KEY).executeTakeFirst();
  const raw = typeof row?.value === 'string' ? (JSON.parse(row.value) as unknown) : row?.value;
  const v = raw as Partial<ClockRulesPatch> | null | undefined;
  return typeof v?.countFromNextDay === 'boolean' ? { ...base, countFromNextDay: v.countFromNextDay } : base;
}

/** Stores the rule (audited), reloads every repository and refreshes open cases' deadlines. */
export async function setClockRules(
  repo: CaseRepository,
  patch: ClockRulesPatch,
  actor: Actor,
  meta: { ip?: string | null } = {},
): Promise<{ rules: ClockRules; refreshed: number }> {
  const before = (await repo.context()).rules;
  const value = { countFromNextDay: patch.countFromNextDay };
  const now = new Date(repo.clock.now());
  await repo.store.transaction(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: CLOCK_RULES_KEY, value: JSON.stringify(value), updated_at: now } as never)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now } as never))
      .execute();
    await writeAudit(trx, {
      actorId: isUuid(actor.id) ? actor.id : null,
      actorName: actor.name,
      action: 'case_clock_rules.set',
      targetType: 'case_clock_rules',
      targetId: CLOCK_RULES_KEY,
      ip: meta.ip ?? null,
      before: { countFromNextDay: before.countFromNextDay },
      after: value,
    });
  });
  repo.invalidate();
  const refreshed = before.countFromNextDay === value.countFromNextDay ? 0 : await refreshOpenClocks(repo);
  return { rules: (await repo.context()).rules, refreshed };
}
