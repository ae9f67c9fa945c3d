import type { FastifyInstance } from 'fastify';
import type { RouteTable } from '../define-route.ts';
import type { AppDeps } from '../deps.ts';

/** A feature's routes: registered with `defineRoute(app, table, …)`. */
export type RouteModule = (app: FastifyInstance, table: RouteTable, deps: AppDeps) => void;
