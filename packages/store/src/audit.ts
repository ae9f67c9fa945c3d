import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Appends to the immutable audit log (a trigger refuses UPDATE and DELETE). */
export async function writeAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actorId ?? null,
      actor_name: e.actorName ?? null,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      ip: e.ip ?? null,
      user_agent: e.userAgent ?? null,
      before: json(e.before),
      after: json(e.after),
      details: json(e.details),
    })
    .execute();
}

export interface AuditQuery {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
  beforeId?: string | undefined;
}

export async function queryAudit(db: Kysely<Database>, q: AuditQuery) {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.action) query = query.where('action', 'like', `${q.action}%`);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query
    .orderBy('id', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000))
    .execute();
}
