import type { Role } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AuthContext } from '../accounts/accounts.ts';

export type Access = readonly Role[] | 'public' | 'authenticated';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  req: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: P;
  /** Null only on public routes. */
  auth: AuthContext | null;
  meta: { ip: string | null; userAgent: string | null };
}

export interface RouteDef<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  /** Status of a successful response (default 200). */
  status?: number;
  /** Raw (non-JSON) responses such as XML or files: the handler sends through `reply` itself. */
  raw?: boolean;
  handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown> | unknown;
}

/** Every route defined here, for the OpenAPI document and the access test. */
export type RouteTable = RouteDef[];

function validate<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return value as z.infer<T>;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`);
  throw new HotlineError(ErrorCode.ValidationFailed, problems.join('; '), { issues: problems });
}

export function requestMeta(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 256) : null };
}

/** Checks authentication, role and CSRF for a route; throws a coded error. */
export function checkAccess(def: Pick<RouteDef, 'access' | 'method'>, auth: AuthContext | null, csrfHeader: unknown) {
  if (def.access === 'public') return;
  if (!auth) throw new HotlineError(ErrorCode.Unauthenticated, 'log in first');
  if (def.access !== 'authenticated' && !def.access.some((r) => auth.user.roles.includes(r))) {
    throw new HotlineError(ErrorCode.Forbidden, `needs one of the roles: ${def.access.join(', ')}`);
  }
  if (def.method !== 'GET' && auth.kind === 'session' && csrfHeader !== auth.csrfToken) {
    throw new HotlineError(ErrorCode.CsrfFailed, 'missing or wrong x-csrf-token header');
  }
}

/**
 * Registers a route on Fastify with the access check, zod validation of params/query/body and
 * response, and records it in the route table.
 */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  table: RouteTable,
  def: RouteDef<B, Q, P>,
): void {
  table.push(def as unknown as RouteDef);
  app.route({
    method: def.method,
    url: def.url,
    handler: async (req, reply) => {
      const auth = req.auth;
      checkAccess(def, auth, req.headers['x-csrf-token']);
      const params = validate(def.params, req.params, 'params');
      const query = validate(def.query, req.query, 'query');
      const body = validate(def.body, req.body, 'body');
      const result = await def.handler({ req, reply, body, query, params, auth, meta: requestMeta(req) });
      if (def.raw) return reply;
      reply.code(def.status ?? 200);
      if (def.response && process.env.NODE_ENV === 'test') {
        const r = def.response.safeParse(result);
        if (!r.success) throw new Error(`response of ${def.method} ${def.url} breaks its schema: ${r.error.message}`);
      }
      return result ?? { ok: true };
    },
  });
}
