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

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: HotlineError }): T {
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

  defineRoute(app, table, {
    method: 'PATCH',
    url: '/api/v1/case-incidents/:id',
    summary: "Edit an incident's fields (the status moves through resolve and reopen)",
    tags: ['cases', 'incidents'],
    access: LEADS,
    params: IncidentIdParams,
    body: IncidentPatchBody,
    response: IncidentResponse,
    handler: async ({ params, body, auth, meta }) => ({
      incident: unwrap(await repo.update(params.id, body, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/case-incidents/:id/resolve',
    summary: 'Resolve an open incident (end time: given, or now)',
    tags: ['cases', 'incidents'],
    access: LEADS,
    params: IncidentIdParams,
    body: IncidentResolveBody,
    response: IncidentResponse,
    handler: async ({ params, body, auth, meta }) => ({
      incident: unwrap(await repo.resolve(params.id, body.endsAt, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/case-incidents/:id/reopen',
    summary: 'Reopen a resolved incident (its end time is cleared)',
    tags: ['cases', 'incidents'],
    access: LEADS,
    params: IncidentIdParams,
    response: IncidentResponse,
    handler: async ({ params, auth, meta }) => ({
      incident: unwrap(await repo.reopen(params.id, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/case-incidents/:id/cases',
    summary: "Link cases to an open incident: each case's link_incident command, reported per case",
    tags: ['cases', 'incidents'],
    access: CENTER,
    params: IncidentIdParams,
    body: IncidentLinkBody,
    response: IncidentLinkResponse,
    handler: async ({ params, body, auth, meta }) => ({
      results: unwrap(await repo.linkCases(params.id, body.caseIds, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/case-incidents/:id/cases/unlink',
    summary: 'Remove cases from an incident (only cases linked to it), reported per case',
    tags: ['cases', 'incidents'],
    access: CENTER,
    params: IncidentIdParams,
    body: IncidentLinkBody,
    response: IncidentLinkResponse,
    handler: async ({ params, body, auth, meta }) => ({
      results: unwrap(await repo.linkCases(params.id, body.caseIds, actorOf(auth), { ip: meta.ip, unlink: true })),
    }),
  });
};
