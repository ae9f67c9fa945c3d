import { type Clock, ErrorCode, HotlineError, newId } from '@hotline/core';
import { appendEvent, type Kysely, type Store, sql, writeAudit } from '@hotline/store';
import type { Actor } from './actor.ts';
import type { CaseCommand } from './case-commands.ts';
import type { CaseEvent } from './case-events.ts';
import { replay } from './case-evolve.ts';
import { bindCaseFiles, resolveAttachments } from './case-files.ts';
import { linkTargetProblem } from './case-link-targets.ts';
import type { Attachment, AttachmentInput, CaseIntake, CaseState, Urgency } from './case-model.ts';
import { formatCaseNumber } from './case-number.ts';
import { caseRow, partyRows, roundRows } from './case-projection.ts';
import { readClockRules } from './catalog-admin-rules.ts';
import { type Category, CategoryTree } from './category-tree.ts';
import { type CommandContext, type CommandResult, decide } from './decide.ts';
import { DEMO_DEFAULT_LIMITS } from './demo-catalog.ts';
import { type Department, DepartmentTree } from './department-tree.ts';
import type { CasesTables } from './store-schema.ts';
import { type ClockRules, DEFAULT_CLOCK_RULES, type TimeLimit } from './time-limit.ts';
import { WorkingCalendar } from './working-calendar.ts';

export interface CasesConfig {
  /** Case number prefix, e.g. the hotline's number: `12319` → `12319-20261121-0001`. */
  numberPrefix: string;
  rules: ClockRules;
  /** Time limits used when no category on the path sets one. */
  defaultLimits: Record<Urgency, TimeLimit>;
}

export const DEFAULT_CASES_CONFIG: CasesConfig = {
  numberPrefix: '12319',
  rules: DEFAULT_CLOCK_RULES,
  defaultLimits: DEMO_DEFAULT_LIMITS,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

export type CasesDb = Kysely<CasesTables>;

/** An intake as a client sends it: attachments may reference uploads by `fileId`. */
export type IntakeInput = Omit<CaseIntake, 'attachments'> & { attachments: AttachmentInput[] };

/**
 * What a new case is linked to as it is registered (the screen pop's current call, the incident
 * the register page suggested): applied as the case's own `link`/`link_incident` commands in the
 * register transaction, so the case is stored with its links or not at all.
 */
export interface RegisterLinks {
  links?: readonly { kind: 'call' | 'recording'; ref: string }[];
  incidentId?: string | null;
}
/** Calls and recordings one registration may link. */
export const MAX_REGISTER_LINKS = 10;

/** Catalog generation per database handle: `invalidate()` on any repository reloads them all. */
const generations = new WeakMap<object, { n: number }>();
const generationOf = (store: Store) => {
  let g = generations.get(store.db);
  if (!g) {
    g = { n: 0 };
    generations.set(store.db, g);
  }
  return g;
};

/** Audit-sized summary of a case (the full state lives in the event log). */
function summary(s: CaseState | null): unknown {
  if (!s) return null;
  return {
    status: s.status,
    round: s.round,
    parties: s.parties.map((p) => ({ id: p.id, departmentId: p.departmentId, role: p.role, status: p.status })),
    extensions: s.extensions.map((x) => ({ id: x.id, status: x.status })),
    callbacks: s.callbacks.length,
  };
}

/**
 * Persistence of cases. Each command runs in ONE transaction: lock the case row, decide (pure),
 * update the row and changed party/round rows, append case_events rows, the outbox event and the
 * audit row. The event log is the truth; `rebuild()` proves the projection equals a replay.
 */
export class CaseRepository {
  readonly store: Store;
  readonly config: CasesConfig;
  readonly clock: Clock;
  #ctx: Promise<CommandContext> | null = null;
  #ctxGeneration = -1;

  constructor(store: Store, opts: { config?: Partial<CasesConfig>; clock: Clock }) {
    this.store = store;
    this.config = { ...DEFAULT_CASES_CONFIG, ...opts.config };
    this.clock = opts.clock;
  }

  get db(): CasesDb {
    return this.store.db.withTables<CasesTables>() as unknown as CasesDb;
  }

  /**
   * Categories, departments and calendar overrides changed: reload on next use — in every
   * repository of this process over the same database.
   */
  invalidate(): void {
    generationOf(this.store).n++;
    this.#ctx = null;
  }

  context(): Promise<CommandContext> {
    const gen = generationOf(this.store).n;
    if (this.#ctxGeneration !== gen) {
      this.#ctxGeneration = gen;
      this.#ctx = null;
    }
    this.#ctx ??= this.#loadContext().catch((e) => {
      this.#ctx = null;
      throw e;
    });
    return this.#ctx;
  }

  async #loadContext(): Promise<CommandContext> {
    const db = this.db;
    const [cats, depts, overrides, rules] = await Promise.all([
      db.selectFrom('case_categories').selectAll().orderBy('sort').orderBy('code').execute(),
      this.store.db.selectFrom('departments').selectAll().execute(),
      db.selectFrom('case_calendar_overrides').selectAll().execute(),
      readClockRules(this.store.db, this.config.rules),
    ]);
    const categories: Category[] = cats.map((c) => ({
      code: c.code,
      parentCode: c.parent_code,
      name: c.name,
      nameEn: c.name_en,
      keywords: c.keywords,
      timeLimits: (c.time_limits ?? {}) as Category['timeLimits'],
      active: c.active,
    }));
    const departments: Department[] = depts.map((d) => ({
      id: d.id,
      parentId: d.parent_id,
      code: d.code,
      name: d.name,
      kind: d.kind,
      regionCode: d.region_code,
      active: d.active,
    }));
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
    return {
      calendar: new WorkingCalendar({
        overrides: overrides.map((o) => ({ date: day(o.date), kind: o.kind, name: o.name ?? undefined })),
      }),
      rules,
      categories: new CategoryTree(categories, this.config.defaultLimits),
      departments: new DepartmentTree(departments),
      newId,
    };
  }

  /** Registers a case with the next number of the day. */
  async register(
    intake: IntakeInput,
    actor: Actor,
    meta: { open311Token?: string | null; ip?: string | null } = {},
    then: RegisterLinks = {},
  ): Promise<CommandResult> {
    const ctx = await this.context();
    const now = this.clock.now();
    const follow: CaseCommand[] = [
      ...(then.links ?? []).map((l) => ({ type: 'link' as const, kind: l.kind, ref: l.ref })),
      ...(then.incidentId ? [{ type: 'link_incident' as const, incidentId: then.incidentId }] : []),
    ];
    if ((then.links?.length ?? 0) > MAX_REGISTER_LINKS) {
      return { ok: false, error: new HotlineError(ErrorCode.ValidationFailed, `links: at most ${MAX_REGISTER_LINKS}`) };
    }
    try {
      return await this.store.transaction(async (trx) => {
        const db = trx.withTables<CasesTables>() as unknown as CasesDb;
        const day = ctx.calendar.localDate(now);
        const seq = await db
          .insertInto('case_number_seq')
          .values({ prefix: this.config.numberPrefix, day, last: 1 })
          .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`case_number_seq.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow();
        const number = formatCaseNumber(this.config.numberPrefix, day, seq.last);
        const caseId = newId();
        const attachments = await resolveAttachments(db, intake.attachments, actor, caseId);
        const cmd: CaseCommand = { type: 'register', caseId, number, intake: { ...intake, attachments } };
        let r = decide(null, cmd, actor, now, ctx);
        if (!r.ok) throw r.error;
        for (const next of follow) {
          const problem = await linkTargetProblem(db, caseId, next);
          if (problem) throw problem;
          const n = decide(r.state, next, actor, now, ctx);
          if (!n.ok) throw n.error;
          r = { ok: true, state: n.state, events: [...r.events, ...n.events] };
        }
        await db
          .insertInto('cases')
          .values(caseRow(r.state, meta.open311Token ?? null))
          .execute();
        await this.#persist(trx, null, r.state, r.events, cmd, actor, meta.ip ?? null);
        await bindCaseFiles(db, attachments, caseId, now);
        return r;
      });
    } catch (e) {
      if (e instanceof HotlineError) return { ok: false, error: e };
      throw e;
    }
  }

  /** Runs one command against a stored case in one transaction. */
  async execute(
    caseId: string,
    cmd: CaseCommand,
    actor: Actor,
    meta: { ip?: string | null } = {},
  ): Promise<CommandResult> {
    if (!isUuid(caseId)) return { ok: false, error: new HotlineError(ErrorCode.NotFound, 'case not found') };
    const ctx = await this.context();
    const now = this.clock.now();
    try {
      return await this.store.transaction(async (trx) => {
        const db = trx.withTables<CasesTables>() as unknown as CasesDb;
        const row = await db
          .selectFrom('cases')
          .select(['state'])
          .where('id', '=', caseId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw new HotlineError(ErrorCode.NotFound, 'case not found');
        const before = row.state as CaseState;
        const resolved =
          cmd.type === 'reply' && cmd.attachments
            ? { ...cmd, attachments: await resolveAttachments(db, cmd.attachments, actor, caseId) }
            : cmd;
        const r = decide(before, resolved, actor, now, ctx);
        if (!r.ok) throw r.error;
        const problem = await linkTargetProblem(db, caseId, resolved);
        if (problem) throw problem;
        const { open311_token: _t, ...rest } = caseRow(r.state);
        void _t;
        await db
          .updateTable('cases')
          .set(rest)
          .where('id', '=', caseId)
          .where('version', '=', before.version)
          .execute();
        await this.#persist(trx, before, r.state, r.events, resolved, actor, meta.ip ?? null);
        if (resolved.type === 'reply')
          await bindCaseFiles(db, (resolved.attachments ?? []) as Attachment[], caseId, now);
        return r;
      });
    } catch (e) {
      if (e instanceof HotlineError) return { ok: false, error: e };
      throw e;
    }
  }

  async #persist(
    trx: Parameters<Parameters<Store['transaction']>[0]>[0],
    before: CaseState | null,
    after: CaseState,
    events: CaseEvent[],
    cmd: CaseCommand,
    actor: Actor,
    ip: string | null,
  ): Promise<void> {
    const db = trx.withTables<CasesTables>() as unknown as CasesDb;
    const actorId = isUuid(actor.id) ? actor.id : null;
    const old = new Map((before?.parties ?? []).map((p) => [p.id, JSON.stringify(p)]));
    const changed = new Set(after.parties.filter((p) => old.get(p.id) !== JSON.stringify(p)).map((p) => p.id));
    for (const row of partyRows(after, this.config.rules)) {
      if (!changed.has(row.id)) continue;
      const { id: _id, ...set } = row;
      void _id;
      await db
        .insertInto('case_parties')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(set))
        .execute();
    }
    for (const row of roundRows(after)) {
      const { case_id: _c, round: _r, ...set } = row;
      void _c;
      void _r;
      await db
        .insertInto('case_rounds')
        .values(row)
        .onConflict((oc) => oc.columns(['case_id', 'round']).doUpdateSet(set))
        .execute();
    }
    const firstSeq = (before?.version ?? 0) + 1;
    await db
      .insertInto('case_events')
      .values(
        events.map((e, i) => {
          const { at, ...data } = e;
          return {
            case_id: after.id,
            seq: firstSeq + i,
            type: e.type,
            data: JSON.stringify(data),
            actor_id: actorId,
            actor_name: e.actorName,
            at: new Date(at),
          } as never;
        }),
      )
      .execute();
    for (const e of events) {
      await appendEvent(trx, {
        stream: 'case',
        streamId: after.id,
        type: `case.${e.type}`,
        data: { number: after.number, status: after.status, event: e },
        actorId,
      });
    }
    await writeAudit(trx, {
      actorId,
      actorName: actor.name,
      action: `case.${cmd.type}`,
      targetType: 'case',
      targetId: after.id,
      ip,
      before: summary(before),
      after: summary(after),
      details: { number: after.number, events: events.map((e) => e.type) },
    });
  }

  async get(caseId: string): Promise<CaseState | null> {
    if (!isUuid(caseId)) return null;
    const row = await this.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
    return row ? (row.state as CaseState) : null;
  }

  async getByNumber(number: string): Promise<CaseState | null> {
    const row = await this.db.selectFrom('cases').select('state').where('number', '=', number).executeTakeFirst();
    return row ? (row.state as CaseState) : null;
  }

  /** The case's event log, oldest first. */
  async events(caseId: string): Promise<CaseEvent[]> {
    if (!isUuid(caseId)) return [];
    const rows = await this.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ ...(r.data as object), at: new Date(r.at).getTime() })) as CaseEvent[];
  }

  /** Replays the log with the current calendar; the result must equal the stored snapshot's facts. */
  async rebuild(caseId: string): Promise<CaseState | null> {
    const events = await this.events(caseId);
    return events.length === 0 ? null : replay(events, await this.context());
  }
}
