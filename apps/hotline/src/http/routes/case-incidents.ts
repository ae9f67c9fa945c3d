import { IncidentRepository } from '@hotline/cases';
import {
  IncidentCreateBody,
  IncidentDetailResponse,
  IncidentIdParams,
  IncidentLinkBody,
  IncidentLinkResponse,
  IncidentListQuery,
  IncidentListResponse,
  IncidentPatchBody,
  IncidentResolveBody,
  IncidentResponse,
  IncidentSuggestQuery,
  IncidentSuggestResponse,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { z } from 'zod';
import { defineRoute } from '../define-route.ts';
import { actorOf } from './cases.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';

/** Who reads incidents (every case of the center is theirs to see). */
const READ: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'leader'];
/** Who links cases: whoever may send the case command `link_incident`. */
const CENTER: Role[] = ['admin', 'supervisor', 'agent'];
/** Who declares, edits, resolves and reopens incidents. */
const LEADS: Role[] = ['admin', 'supervisor'];

type Result<T> = { ok: true; value: T } | { ok: false; error: HotlineError };
type Actor = ReturnType<typeof actorOf>;

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * Incidents (事件): list and detail for the center and leaders, declare/edit/resolve/reopen for
 * supervisors, suggestions for the register form, and linking cases — each case through its own
 * `link_incident` command, reported per case.
 */
export const caseIncidentRoutes: RouteModule = (app, table, deps) => {
  const repo = new IncidentRepository(casesRepository(deps));

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-incidents',
    summary: 'Incidents (open first) with the number of cases each groups; filters: status, text, time window',
    tags: ['cases', 'incidents'],
    access: READ,
    query: IncidentListQuery,
    response: IncidentListResponse,
    handler: async ({ query }) => ({ ...(await repo.list(query)), kinds: [...repo.kinds] }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-incidents/suggestions',
    summary: 'Open incidents a new case with this category and area plausibly belongs to, best first',
    tags: ['cases', 'incidents'],
    access: CENTER,
    query: IncidentSuggestQuery,
    response: IncidentSuggestResponse,
    handler: async ({ query }) => ({
      incidents: await repo.suggest(
        {
          categoryCode: query.categoryCode,
          address: {
            text: '',
            districtCode: query.districtCode || null,
            streetCode: query.streetCode || null,
            community: null,
            lat: null,
            lng: null,
          },
        },
        deps.clock.now(),
      ),
    }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-incidents/:id',
    summary: 'One incident with the cases linked to it',
    tags: ['cases', 'incidents'],
    access: READ,
    params: IncidentIdParams,
    response: IncidentDetailResponse,
    handler: async ({ params }) => {
      const incident = await repo.get(params.id);
      if (!incident) throw new HotlineError(ErrorCode.NotFound, 'incident not found');
      return { incident };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/case-incidents',
    summary: 'Declare an incident (burst main, planned outage …): area, categories it causes, times, notice',
    tags: ['cases', 'incidents'],
    access: LEADS,
    body: IncidentCreateBody,
    response: IncidentResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => ({
      incident: unwrap(await repo.create(body, actorOf(auth), { ip: meta.ip })),
    }),
  });

  /**
   * A change to one incident (`/api/v1/case-incidents/:id…`) by the acting user: the repository
   * audits it in its transaction; a refusal is its coded error.
   */
  const change = <B extends z.ZodType>(o: {
    method: 'POST' | 'PATCH';
    url: string;
    summary: string;
    access: Role[];
    body?: B;
    response: z.ZodType;
    key: 'incident' | 'results';
    run: (id: string, body: z.infer<B>, actor: Actor, audit: { ip: string | null }) => Promise<Result<unknown>>;
  }) =>
    defineRoute(app, table, {
      method: o.method,
      url: o.url,
      summary: o.summary,
      tags: ['cases', 'incidents'],
      access: o.access,
      params: IncidentIdParams,
      ...(o.body ? { body: o.body } : {}),
      response: o.response,
      handler: async ({ params, body, auth, meta }) => ({
        [o.key]: unwrap(await o.run(params.id, body as z.infer<B>, actorOf(auth), { ip: meta.ip })),
      }),
    });

  change({
    method: 'PATCH',
    url: '/api/v1/case-incidents/:id',
    summary: "Edit an incident's fields (the status moves through resolve and reopen)",
    access: LEADS,
    body: IncidentPatchBody,
    response: IncidentResponse,
    key: 'incident',
    run: (id, body, actor, audit) => repo.update(id, body, actor, audit),
  });

  change({
    method: 'POST',
    url: '/api/v1/case-incidents/:id/resolve',
    summary: 'Resolve an open incident (end time: given, or now)',
    access: LEADS,
    body: IncidentResolveBody,
    response: IncidentResponse,
    key: 'incident',
    run: (id, body, actor, audit) => repo.resolve(id, body.endsAt, actor, audit),
  });

  change({
    method: 'POST',
    url: '/api/v1/case-incidents/:id/reopen',
    summary: 'Reopen a resolved incident (its end time is cleared)',
    access: LEADS,
    response: IncidentResponse,
    key: 'incident',
    run: (id, _body, actor, audit) => repo.reopen(id, actor, audit),
  });

  change({
    method: 'POST',
    url: '/api/v1/case-incidents/:id/cases',
    summary: "Link cases to an open incident: each case's link_incident command, reported per case",
    access: CENTER,
    body: IncidentLinkBody,
    response: IncidentLinkResponse,
    key: 'results',
    run: (id, body, actor, audit) => repo.linkCases(id, body.caseIds, actor, audit),
  });

  change({
    method: 'POST',
    url: '/api/v1/case-incidents/:id/cases/unlink',
    summary: 'Remove cases from an incident (only cases linked to it), reported per case',
    access: CENTER,
    body: IncidentLinkBody,
    response: IncidentLinkResponse,
    key: 'results',
    run: (id, body, actor, audit) => repo.linkCases(id, body.caseIds, actor, { ...audit, unlink: true }),
  });
};
