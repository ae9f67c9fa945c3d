import { createHash } from 'node:crypto';
import type { Actor, CaseState, CasesTables, CaseType, Urgency } from '@hotline/cases';
import { randomToken } from '@hotline/core';
import type { FastifyReply } from 'fastify';
import { defineRoute } from '../define-route.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';
import {
  encode,
  errorBody,
  type Format,
  parseForm,
  requestOf,
  serviceDefinition,
  serviceOf,
} from './open311-format.ts';

const PREFIX = '/open311/v2';
/** "Default: the last 90 days … or 1000 records, whichever is smaller" (GeoReport v2, GET requests). */
const MAX_SPAN_MS = 90 * 86_400_000;
const MAX_RECORDS = 1000;
const MAX_DESCRIPTION = 4000;
const OPEN311_ACTOR: Actor = { id: 'open311', name: 'Open311', roles: ['public'], departmentId: null };
const CASE_TYPES = ['complaint', 'repair', 'report', 'consultation', 'suggestion', 'help', 'praise'];
const URGENCIES = ['normal', 'urgent', 'critical'];

class Open311Error extends Error {
  readonly status: number;
  constructor(status: number, description: string) {
    super(description);
    this.status = status;
  }
}

function formatOf(raw: unknown): Format {
  if (raw === 'json' || raw === 'xml') return raw;
  throw new Open311Error(404, 'format must be json or xml');
}

function send(reply: FastifyReply, format: Format, root: string, body: Parameters<typeof encode>[2], status = 200) {
  const { type, text } = encode(format, root, body);
  return reply.code(status).header('content-type', type).send(text);
}

/** Runs a handler, turning Open311Error into the spec's `errors[]{code, description}` body. */
async function guarded(reply: FastifyReply, rawFormat: unknown, fn: (f: Format) => Promise<unknown>) {
  const format = rawFormat === 'json' ? 'json' : 'xml';
  try {
    await fn(formatOf(rawFormat));
  } catch (e) {
    if (!(e instanceof Open311Error)) throw e;
    send(reply, format, 'errors', errorBody(e.status, e.message), e.status);
  }
}

/** Open311 GeoReport v2 at /open311/v2/: discovery, services, definitions, requests, tokens; JSON and XML. */
export const open311Routes: RouteModule = (app, table, deps) => {
  const repo = casesRepository(deps);
  const db = () => deps.store.db.withTables<CasesTables>();
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, String(body)),
    );
  }
  const leaf = async (code: string) => {
    const ctx = await repo.context();
    const c = ctx.categories.get(code);
    if (!c?.active || !ctx.categories.isLeaf(code)) throw new Open311Error(404, `service_code ${code} not found`);
    return { ctx, c };
  };
  const visible = (s: CaseState | null) => (s && !s.intake.caller.confidential ? s : null);

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/discovery.:format`,
    summary: 'Open311 service discovery',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params }) =>
      guarded(reply, (params as { format: string }).format, async (f) =>
        send(reply, f, 'discovery', {
          changeset: '2026-11-21T00:00:00Z',
          contact: '12319 hotline center',
          key_service: 'API keys are issued by the hotline administrator',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: PREFIX,
              changeset: '2026-11-21T00:00:00Z',
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        }),
      ),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/services.:format`,
    summary: 'Open311 service list (the leaf categories)',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params }) =>
      guarded(reply, (params as { format: string }).format, async (f) => {
        const { categories } = await repo.context();
        const leaves = categories.all().filter((c) => c.active && categories.isLeaf(c.code));
        send(
          reply,
          f,
          'services',
          leaves.map((c) => serviceOf(categories, c)),
        );
      }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/services/:code.:format`,
    summary: 'Open311 service definition',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params }) => {
      const p = params as { code: string; format: string };
      return guarded(reply, p.format, async (f) =>
        send(reply, f, 'service_definition', serviceDefinition((await leaf(p.code)).c)),
      );
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: `${PREFIX}/requests.:format`,
    summary: 'Open311 create service request (form-urlencoded, api_key required)',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params, req, meta }) =>
      guarded(reply, (params as { format: string }).format, async (f) => {
        const { fields, attributes } = parseForm(typeof req.body === 'string' ? req.body : '');
        const get = (k: string) => (fields[k] === undefined || fields[k] === '' ? undefined : fields[k]);
        const key = get('api_key');
        const hash = key ? createHash('sha256').update(key).digest('hex') : '';
        const client = key
          ? await db()
              .selectFrom('open311_clients')
              .select('id')
              .where('key_hash', '=', hash)
              .where('active', '=', true)
              .executeTakeFirst()
          : undefined;
        if (!client) throw new Open311Error(403, 'api_key missing or invalid');
        const code = get('service_code');
        if (!code) throw new Open311Error(400, 'service_code is required');
        await leaf(code);
        const lat = get('lat') !== undefined ? Number(get('lat')) : null;
        const lng = get('long') !== undefined ? Number(get('long')) : null;
        const address = get('address_string') ?? get('address_id');
        const hasPoint = lat !== null && lng !== null && Number.isFinite(lat) && Number.isFinite(lng);
        if (!hasPoint && !address)
          throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
        if (hasPoint && (Math.abs(lat!) > 90 || Math.abs(lng!) > 180))
          throw new Open311Error(400, 'lat/long out of range');
        const description = get('description') ?? '';
        if (description.length > MAX_DESCRIPTION)
          throw new Open311Error(400, `description longer than ${MAX_DESCRIPTION} characters`);
        const type = typeof attributes.case_type === 'string' ? attributes.case_type : 'complaint';
        const urgency = typeof attributes.urgency === 'string' ? attributes.urgency : 'normal';
        if (!CASE_TYPES.includes(type)) throw new Open311Error(400, 'attribute[case_type] has an unknown value');
        if (!URGENCIES.includes(urgency)) throw new Open311Error(400, 'attribute[urgency] has an unknown value');
        const name = [get('last_name'), get('first_name')].filter(Boolean).join('') || null;
        const phone = get('phone');
        const token = randomToken(12);
        const r = await repo.register(
          {
            channel: 'open311',
            type: type as CaseType,
            categoryCode: code,
            urgency: urgency as Urgency,
            caller: { name, phone: phone && /^\+?[0-9-]{3,20}$/.test(phone) ? phone : null, confidential: false },
            address: {
              text: address ?? '',
              districtCode: null,
              streetCode: null,
              community: null,
              lat: hasPoint ? lat : null,
              lng: hasPoint ? lng : null,
            },
            // The spec allows an empty description; ours requires one, so the service name stands in.
            description: description.replace(/<[^>]*>/g, '').trim() || `[Open311] ${code}`,
            expectation: null,
            attachments: get('media_url') ? [{ kind: 'image', name: 'media', url: get('media_url')! }] : [],
          },
          OPEN311_ACTOR,
          { open311Token: token, ip: meta.ip },
        );
        if (!r.ok) throw new Open311Error(400, r.error.message);
        send(reply, f, 'service_requests', [
          { service_request_id: r.state.number, service_notice: '', account_id: get('account_id') ?? null },
        ]);
      }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/tokens/:token.:format`,
    summary: 'Open311 service request id from a token',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params }) => {
      const p = params as { token: string; format: string };
      return guarded(reply, p.format, async (f) => {
        const row = await db()
          .selectFrom('cases')
          .select(['number'])
          .where('open311_token', '=', p.token.slice(0, 64))
          .executeTakeFirst();
        if (!row) throw new Open311Error(404, 'token not found');
        send(reply, f, 'service_requests', [{ service_request_id: row.number, token: p.token }]);
      });
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/requests.:format`,
    summary: 'Open311 query service requests',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params, query }) =>
      guarded(reply, (params as { format: string }).format, async (f) => {
        const q = query as Record<string, unknown>;
        const str = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
        const list = (k: string) =>
          str(k)
            ?.split(',')
            .map((x) => x.trim())
            .filter(Boolean)
            .slice(0, 100);
        const ctx = await repo.context();
        let sel = db().selectFrom('cases').select('state').where('confidential', '=', false);
        const ids = list('service_request_id');
        if (ids) sel = sel.where('number', 'in', ids);
        else {
          const date = (k: string) => {
            const v = str(k);
            if (v === undefined) return undefined;
            const t = Date.parse(v);
            if (Number.isNaN(t)) throw new Open311Error(400, `${k} is not a W3C date-time`);
            return t;
          };
          const end = date('end_date') ?? deps.clock.now();
          const start = date('start_date') ?? end - MAX_SPAN_MS;
          if (end - start > MAX_SPAN_MS || end < start)
            throw new Open311Error(400, 'start_date..end_date must span at most 90 days');
          sel = sel.where('created_at', '>=', new Date(start)).where('created_at', '<=', new Date(end));
          const codes = list('service_code');
          if (codes) sel = sel.where('category_code', 'in', codes);
          const statuses = list('status');
          if (statuses) {
            const bad = statuses.find((s) => s !== 'open' && s !== 'closed');
            if (bad) throw new Open311Error(400, `status ${bad} is not open or closed`);
            if (!(statuses.includes('open') && statuses.includes('closed'))) {
              sel = statuses.includes('open')
                ? sel.where('status', '!=', 'closed')
                : sel.where('status', '=', 'closed');
            }
          }
        }
        const rows = await sel.orderBy('created_at', 'desc').limit(MAX_RECORDS).execute();
        send(
          reply,
          f,
          'service_requests',
          rows.map((r) => requestOf(r.state as CaseState, ctx.categories, ctx.departments)),
        );
      }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: `${PREFIX}/requests/:id.:format`,
    summary: 'Open311 one service request',
    tags: ['open311'],
    access: 'public',
    raw: true,
    handler: ({ reply, params }) => {
      const p = params as { id: string; format: string };
      return guarded(reply, p.format, async (f) => {
        const s = visible(await repo.getByNumber(p.id));
        if (!s) throw new Open311Error(404, `service_request_id ${p.id} not found`);
        const ctx = await repo.context();
        send(reply, f, 'service_requests', [requestOf(s, ctx.categories, ctx.departments)]);
      });
    },
  });
};
