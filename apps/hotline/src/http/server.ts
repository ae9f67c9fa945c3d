import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { ErrorCode } from '@hotline/core';
import { sql } from '@hotline/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import type { AuthContext } from '../accounts/accounts.ts';
import type { RouteTable } from './define-route.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { SESSION_COOKIE } from './routes/auth.ts';
import { routeModules } from './routes/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export const WEB_DIST = join(import.meta.dirname, '..', '..', '..', 'web', 'dist');
const VERSION = '0.1.0';

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export interface HttpServer {
  app: FastifyInstance;
  table: RouteTable;
}

export async function createHttpServer(deps: AppDeps, opts: { webDist?: string | null } = {}): Promise<HttpServer> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, trustProxy: false });
  const table: RouteTable = [];
  const duration = new Histogram({
    name: 'hotline_http_request_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [deps.metrics],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);
  app.setErrorHandler(errorHandler(deps.log));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !webDist) {
      return reply
        .code(404)
        .send({ error: { code: ErrorCode.NotFound, message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // Single-page app: unknown GET paths outside /api get index.html.
    return reply.type('text/html').sendFile('index.html');
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    const authz = req.headers.authorization;
    if (typeof authz === 'string' && authz.startsWith('Bearer ')) {
      req.auth = await deps.accounts.fromApiToken(authz.slice(7).trim());
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) req.auth = await deps.accounts.fromSessionCookie(cookie);
  });
  app.addHook('onResponse', async (req, reply) => {
    duration
      .labels(req.method, req.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  for (const mod of routeModules) mod(app, table, deps);

  app.get('/api/v1/openapi.json', async () => buildOpenApi(table, VERSION));
  app.get('/healthz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return { status: 'ok', version: VERSION, database: deps.store.dialect };
    } catch {
      return reply.code(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });
  app.get('/metrics', async (req, reply) => {
    const admin = req.auth?.user.roles.includes('admin');
    if (!isLoopback(req.ip) && !admin) {
      return reply
        .code(403)
        .send({ error: { code: ErrorCode.Forbidden, message: 'metrics are for loopback or admins' } });
    }
    reply.type(deps.metrics.contentType);
    return deps.metrics.metrics();
  });

  const webDist = opts.webDist === undefined ? (existsSync(WEB_DIST) ? WEB_DIST : null) : opts.webDist;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: ['index.html'], wildcard: false });
  }
  return { app, table };
}
