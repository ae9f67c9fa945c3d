import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { sql, writeAudit } from '@hotline/store';
import type { Actor } from './actor.ts';
import type { CaseIntake, CaseState } from './case-model.ts';
import { type CaseRepository, type CasesDb, isUuid } from './case-repository.ts';
import {
  canTransition,
  DEFAULT_INCIDENT_KINDS,
  type Incident,
  type IncidentContext,
  type IncidentStatus,
  incidentProblems,
  suggestIncidents,
} from './incident.ts';
import type { CaseIncidentsTable } from './store-schema.ts';

export type IncidentInput = Omit<Incident, 'id' | 'status'>;
export type IncidentPatch = Partial<IncidentInput>;

/** An incident in a list: how many cases it groups, and how many of them are still open. */
export interface IncidentSummary extends Incident {
  caseCount: number;
  openCaseCount: number;
}

/** A case linked to an incident, as the incident page lists it. */
export interface LinkedCase {
  id: string;
  number: string;
  status: string;
  categoryCode: string;
  urgency: string;
  districtCode: string | null;
  streetCode: string | null;
  address: string;
  description: string;
  parentCaseId: string | null;
  createdAt: number;
}

export interface IncidentQuery {
  status?: IncidentStatus | undefined;
  /** Part of the title or notice. */
  text?: string | undefined;
  /** Incidents active at some time of [from, to] (ms). */
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  offset: number;
}

/** Per-case outcome of a bulk link: linked (or already linked), or why not. */
export type LinkOutcome =
  | { caseId: string; ok: true; number: string; changed: boolean }
  | { caseId: string; ok: false; code: string; message: string };

type Meta = { ip?: string | null };
type Result<T> = { ok: true; value: T } | { ok: false; error: HotlineError };
const fail = (code: ErrorCode, message: string): { ok: false; error: HotlineError } => ({
  ok: false,
  error: new HotlineError(code, message),
});
const actorId = (a: Actor) => (isUuid(a.id) ? a.id : null);
const ms = (d: unknown) => (d === null || d === undefined ? null : new Date(d as Date).getTime());
/** Linked cases an incident page shows at most (the count is exact). */
export const MAX_LINKED_CASES = 500;
/** Cases one bulk link may name. */
export const MAX_LINK_BATCH = 200;

type IncidentRow = CaseIncidentsTable;
const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  districtCode: r.district_code,
  streetCode: r.street_code,
  categoryPrefixes: r.category_prefixes ?? [],
  startsAt: ms(r.starts_at)!,
  endsAt: ms(r.ends_at),
  notice: r.notice,
  status: r.status,
});
const columns = (i: Omit<Incident, 'id'>) => ({
  title: i.title.trim(),
  kind: i.kind,
  district_code: i.districtCode,
  street_code: i.streetCode,
  category_prefixes: i.categoryPrefixes,
  starts_at: new Date(i.startsAt),
  ends_at: i.endsAt === null ? null : new Date(i.endsAt),
  notice: i.notice,
  status: i.status,
});
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Incidents (事件, migration 0100 `case_incidents`): a burst main, a planned outage … that groups
 * the cases it causes. Each change is one transaction with its `audit_log` row (before/after);
 * status moves follow `INCIDENT_TRANSITIONS`. Cases are linked only through the case command
 * `link_incident`, so each case's own event log records the link.
 */
export class IncidentRepository {
  readonly cases: CaseRepository;
  readonly kinds: readonly string[];

  constructor(cases: CaseRepository, opts: { kinds?: readonly string[] } = {}) {
    this.cases = cases;
    this.kinds = opts.kinds?.length ? opts.kinds : DEFAULT_INCIDENT_KINDS;
  }

  get #db(): CasesDb {
    return this.cases.db;
  }

  async #context(): Promise<IncidentContext> {
    const ctx = await this.cases.context();
    return { kinds: this.kinds, categories: ctx.categories, departments: ctx.departments };
  }

  async create(input: IncidentInput, actor: Actor, meta: Meta = {}): Promise<Result<Incident>> {
    const incident: Incident = { ...input, title: input.title?.trim?.() ?? input.title, id: newId(), status: 'open' };
    const problems = incidentProblems(incident, await this.#context());
    if (problems.length > 0) return fail(ErrorCode.ValidationFailed, problems.join('; '));
    await this.cases.store.transaction(async (trx) => {
      const db = trx.withTables() as unknown as CasesDb;
      await db
        .insertInto('case_incidents')
        .values({ id: incident.id, ...columns(incident) } as never)
        .execute();
      await this.#audit(trx, 'create', incident.id, actor, meta, null, incident);
    });
    return { ok: true, value: incident };
  }

  /** Edits the fields (not the status: `resolve`/`reopen` move it). */
  async update(id: string, patch: IncidentPatch, actor: Actor, meta: Meta = {}): Promise<Result<Incident>> {
    if (Object.keys(patch).length === 0) return fail(ErrorCode.ValidationFailed, 'nothing to change');
    const ctx = await this.#context();
    return this.#change(id, actor, meta, 'update', (before) => {
      const after: Incident = { ...before, ...patch, id: before.id, status: before.status };
      if (typeof after.title === 'string') after.title = after.title.trim();
      const problems = incidentProblems(after, ctx);
      return problems.length > 0 ? new HotlineError(ErrorCode.ValidationFailed, problems.join('; ')) : after;
    });
  }

  /** open → resolved; the end time defaults to now and lies between the start and now. */
  async resolve(id: string, endsAt: number | null, actor: Actor, meta: Meta = {}): Promise<Result<Incident>> {
    const now = this.cases.clock.now();
    const end = endsAt ?? now;
    return this.#change(id, actor, meta, 'resolve', (before) => {
      if (!canTransition(before.status, 'resolved')) {
        return new HotlineError(ErrorCode.IllegalTransition, `incident is ${before.status}`);
      }
      if (!Number.isSafeInteger(end) || end < before.startsAt || end > now) {
        return new HotlineError(ErrorCode.ValidationFailed, 'endsAt: between the start and now');
      }
      return { ...before, status: 'resolved', endsAt: end };
    });
  }

  /** resolved → open (it flared up again); the end time is cleared. */
  async reopen(id: string, actor: Actor, meta: Meta = {}): Promise<Result<Incident>> {
    return this.#change(id, actor, meta, 'reopen', (before) =>
      canTransition(before.status, 'open')
        ? { ...before, status: 'open', endsAt: null }
        : new HotlineError(ErrorCode.IllegalTransition, `incident is ${before.status}`),
    );
  }

  async #change(
    id: string,
    actor: Actor,
    meta: Meta,
    action: string,
    next: (before: Incident) => Incident | HotlineError,
  ): Promise<Result<Incident>> {
    if (!isUuid(id)) return fail(ErrorCode.NotFound, 'incident not found');
    return this.cases.store.transaction(async (trx) => {
      const db = trx.withTables() as unknown as CasesDb;
      const row = await db.selectFrom('case_incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) return fail(ErrorCode.NotFound, 'incident not found');
      const before = toIncident(row as IncidentRow);
      const after = next(before);
      if (after instanceof HotlineError) return { ok: false as const, error: after };
      await db
        .updateTable('case_incidents')
        .set(columns(after) as never)
        .where('id', '=', id)
        .execute();
      await this.#audit(trx, action, id, actor, meta, before, after);
      return { ok: true as const, value: after };
    });
  }

  async #audit(
    trx: Parameters<Parameters<CaseRepository['store']['transaction']>[0]>[0],
    action: string,
    id: string,
    actor: Actor,
    meta: Meta,
    before: Incident | null,
    after: Incident,
  ): Promise<void> {
    await writeAudit(trx, {
      actorId: actorId(actor),
      actorName: actor.name,
      action: `case_incident.${action}`,
      targetType: 'case_incident',
      targetId: id,
      ip: meta.ip ?? null,
      before,
      after,
    });
  }

  /** Incidents, open ones first then the latest, each with its linked-case counts. */
  async list(q: IncidentQuery): Promise<{ total: number; items: IncidentSummary[] }> {
    const filtered = () => {
      let b = this.#db.selectFrom('case_incidents as i');
      if (q.status) b = b.where('i.status', '=', q.status);
      if (q.text?.trim()) {
        const p = likePattern(q.text.trim());
        b = b.where((eb) => eb.or([eb('i.title', 'ilike', p), eb('i.notice', 'ilike', p)]));
      }
      if (q.from !== undefined) {
        const from = new Date(q.from);
        b = b.where((eb) => eb.or([eb('i.ends_at', 'is', null), eb('i.ends_at', '>=', from)]));
      }
      if (q.to !== undefined) b = b.where('i.starts_at', '<=', new Date(q.to));
      return b;
    };
    const [count, rows] = await Promise.all([
      filtered()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      filtered()
        .leftJoin('cases as c', 'c.incident_id', 'i.id')
        .selectAll('i')
        .select([
          sql<string>`count(c.id)`.as('case_count'),
          sql<string>`count(c.id) filter (where c.status <> 'closed')`.as('open_case_count'),
        ])
        .groupBy('i.id')
        .orderBy(sql`i.status = 'open'`, 'desc')
        .orderBy('i.starts_at', 'desc')
        .orderBy('i.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        ...toIncident(r as unknown as IncidentRow),
        caseCount: Number(r.case_count),
        openCaseCount: Number(r.open_case_count),
      })),
    };
  }

  /** One incident with the cases linked to it (oldest first). */
  async get(id: string): Promise<(IncidentSummary & { cases: LinkedCase[] }) | null> {
    if (!isUuid(id)) return null;
    const row = await this.#db.selectFrom('case_incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [rows, counts] = await Promise.all([
      this.#db
        .selectFrom('cases')
        .select([
          'id',
          'number',
          'status',
          'category_code',
          'urgency',
          'district_code',
          'street_code',
          'address',
          'description',
          'parent_case_id',
          'created_at',
        ])
        .where('incident_id', '=', id)
        .orderBy('created_at')
        .orderBy('number')
        .limit(MAX_LINKED_CASES)
        .execute(),
      this.#db
        .selectFrom('cases')
        .select([sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where status <> 'closed')`.as('open')])
        .where('incident_id', '=', id)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      ...toIncident(row as IncidentRow),
      caseCount: Number(counts.n),
      openCaseCount: Number(counts.open),
      cases: rows.map((r) => ({
        id: r.id,
        number: r.number,
        status: r.status,
        categoryCode: r.category_code,
        urgency: r.urgency,
        districtCode: r.district_code,
        streetCode: r.street_code,
        address: r.address,
        description: r.description,
        parentCaseId: r.parent_case_id,
        createdAt: ms(r.created_at)!,
      })),
    };
  }

  /** Open incidents a new case with this area and category plausibly belongs to, best first. */
  async suggest(intake: Pick<CaseIntake, 'categoryCode' | 'address'>, at: number): Promise<Incident[]> {
    const rows = await this.#db.selectFrom('case_incidents').selectAll().where('status', '=', 'open').execute();
    return suggestIncidents(
      rows.map((r) => toIncident(r as IncidentRow)),
      intake as CaseIntake,
      at,
    );
  }

  /**
   * Links cases to an open incident (or, with `unlink`, removes those linked to it) through each
   * case's `link_incident` command: one transaction per case, reported per case. A case already in
   * the wanted state is reported unchanged and gets no event.
   */
  async linkCases(
    id: string,
    caseIds: readonly string[],
    actor: Actor,
    opts: Meta & { unlink?: boolean } = {},
  ): Promise<Result<LinkOutcome[]>> {
    if (caseIds.length === 0 || caseIds.length > MAX_LINK_BATCH) {
      return fail(ErrorCode.ValidationFailed, `caseIds: 1 to ${MAX_LINK_BATCH}`);
    }
    const incident = isUuid(id)
      ? await this.#db.selectFrom('case_incidents').select(['status']).where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!incident) return fail(ErrorCode.NotFound, 'incident not found');
    if (!opts.unlink && incident.status !== 'open') {
      return fail(ErrorCode.IllegalTransition, 'cases are linked to open incidents only');
    }
    const out: LinkOutcome[] = [];
    for (const caseId of new Set(caseIds)) {
      const s: CaseState | null = await this.cases.get(caseId);
      if (!s) {
        out.push({ caseId, ok: false, code: ErrorCode.NotFound, message: 'case not found' });
        continue;
      }
      const target = opts.unlink ? null : id;
      if (opts.unlink && s.incidentId !== id) {
        out.push({ caseId, ok: false, code: ErrorCode.ValidationFailed, message: 'not linked to this incident' });
        continue;
      }
      if (s.incidentId === target) {
        out.push({ caseId, ok: true, number: s.number, changed: false });
        continue;
      }
      const r = await this.cases.execute(caseId, { type: 'link_incident', incidentId: target }, actor, {
        ip: opts.ip ?? null,
      });
      out.push(
        r.ok
          ? { caseId, ok: true, number: r.state.number, changed: true }
          : { caseId, ok: false, code: r.error.code, message: r.error.message },
      );
    }
    return { ok: true, value: out };
  }
}
