/**
 * Open311 GeoReport v2 against a client written from the specification text (wiki.open311.org/
 * GeoReport_v2), not from our code: it builds URLs, form bodies and parses XML on its own.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { DEMO_OPEN311_KEY, seedCaseCatalog } from '@hotline/cases';
import { type Harness, startHarness } from '../../../test/harness.ts';

type X = { name: string; text: string; children: X[] };

/** Minimal XML reader for the spec's element-only documents. */
function parseXml(src: string): X {
  const s = src.replace(/^<\?xml[^>]*\?>/, '');
  let i = 0;
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const node = (): X => {
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(s.slice(i));
    if (!open) throw new Error(`bad xml at ${i}: ${s.slice(i, i + 30)}`);
    i += open[0].length;
    const n: X = { name: open[1]!, text: '', children: [] };
    if (open[2]) return n;
    for (;;) {
      if (s.startsWith(`</${n.name}>`, i)) {
        i += n.name.length + 3;
        return n;
      }
      if (s[i] === '<') n.children.push(node());
      else {
        const end = s.indexOf('<', i);
        n.text += decode(s.slice(i, end));
        i = end;
      }
    }
  };
  return node();
}
const child = (x: X, name: string) => x.children.find((c) => c.name === name);
const val = (x: X, name: string) => child(x, name)?.text ?? null;

class GeoReportClient {
  readonly endpoint: string;
  readonly apiKey: string;
  constructor(endpoint: string, apiKey: string) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
  }
  async get(path: string, fmt: 'xml' | 'json', params: Record<string, string> = {}) {
    const qs = new URLSearchParams(params).toString();
    const res = await fetch(`${this.endpoint}/${path}.${fmt}${qs ? `?${qs}` : ''}`);
    const body = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: fmt === 'json' ? JSON.parse(body) : parseXml(body),
    };
  }
  /** POST Service Request: application/x-www-form-urlencoded, `attribute[code]=value`. */
  async post(
    fmt: 'xml' | 'json',
    fields: Record<string, string>,
    attributes: Record<string, string> = {},
    key = this.apiKey,
  ) {
    const form = new URLSearchParams({ api_key: key, ...fields });
    for (const [k, v] of Object.entries(attributes)) form.append(`attribute[${k}]`, v);
    const res = await fetch(`${this.endpoint}/requests.${fmt}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = await res.text();
    return { status: res.status, body: fmt === 'json' ? JSON.parse(body) : parseXml(body) };
  }
}

let h: Harness;
let client: GeoReportClient;
before(async () => {
  h = await startHarness();
  await seedCaseCatalog(h.store);
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = h.app.server.address() as AddressInfo;
  client = new GeoReportClient(`http://127.0.0.1:${port}/open311/v2`, DEMO_OPEN311_KEY);
});
after(async () => h.close());

test('service discovery and the service list in XML and JSON', async () => {
  const d = await client.get('discovery', 'xml');
  assert.equal(d.status, 200);
  assert.ok(child(d.body as X, 'endpoints'));
  const xml = await client.get('services', 'xml');
  assert.equal(xml.status, 200);
  assert.match(xml.type, /xml/);
  const services = (xml.body as X).children;
  assert.equal((xml.body as X).name, 'services');
  const pothole = services.find((s) => val(s, 'service_code') === '020101')!;
  assert.equal(val(pothole, 'service_name'), '路面破损');
  assert.equal(val(pothole, 'metadata'), 'true');
  assert.equal(val(pothole, 'group'), '市政设施');
  const json = await client.get('services', 'json');
  assert.deepEqual(
    (json.body as { service_code: string }[]).map((s) => s.service_code),
    services.map((s) => val(s, 'service_code')),
  );
  const def = await client.get('services/020101', 'xml');
  const attrs = child(def.body as X, 'attributes')!.children;
  assert.equal(val(attrs[0]!, 'datatype'), 'singlevaluelist');
  assert.ok(child(attrs[0]!, 'values')!.children.some((v) => val(v, 'key') === 'repair'));
  const unknown = await client.get('services/999999', 'json');
  assert.equal(unknown.status, 404);
  assert.equal((unknown.body as { code: number }[])[0]!.code, 404);
});

test('POST service request from the spec example, then GET it back with filters and by token', async () => {
  // The spec's example fields, with a service code of ours.
  const spec = {
    service_code: '020101',
    lat: '37.76524078',
    long: '-122.4212043',
    address_string: '1234 5th street',
    email: 'smit222@sfgov.org',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '111111111',
    description: 'A large sinkhole is destroying the street',
    media_url: 'http://example.com/image.png',
  };
  const created = await client.post('xml', spec, { case_type: 'repair' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const req = (created.body as X).children[0]!;
  const id = val(req, 'service_request_id')!;
  assert.match(id, /^12319-\d{8}-\d{4}$/);
  assert.equal(val(req, 'account_id'), '123456');

  const one = await client.get(`requests/${id}`, 'json');
  const r = (one.body as Record<string, unknown>[])[0]!;
  assert.equal(r.status, 'open');
  assert.equal(r.service_code, '020101');
  assert.equal(r.description, spec.description);
  assert.equal(r.lat, 37.76524078);
  assert.equal(r.media_url, spec.media_url);
  assert.match(String(r.requested_datetime), /Z$/);

  const now = new Date(h.clock.now());
  const start = new Date(now.getTime() - 86_400_000).toISOString();
  const end = new Date(now.getTime() + 86_400_000).toISOString();
  const open = await client.get('requests', 'xml', {
    start_date: start,
    end_date: end,
    status: 'open',
    service_code: '020101',
  });
  assert.ok((open.body as X).children.some((x) => val(x, 'service_request_id') === id));
  const closed = await client.get('requests', 'json', { start_date: start, end_date: end, status: 'closed' });
  assert.ok(!(closed.body as { service_request_id: string }[]).some((x) => x.service_request_id === id));
  const byId = await client.get('requests', 'json', { service_request_id: `${id},nope` });
  assert.deepEqual(
    (byId.body as { service_request_id: string }[]).map((x) => x.service_request_id),
    [id],
  );
  const wide = await client.get('requests', 'xml', {
    start_date: '2026-01-01T00:00:00Z',
    end_date: '2026-12-01T00:00:00Z',
  });
  assert.equal(wide.status, 400, 'span over 90 days');
  assert.equal(val((wide.body as X).children[0]!, 'code'), '400');

  const row = await h.store.db
    .withTables<{ cases: { number: string; open311_token: string } }>()
    .selectFrom('cases')
    .select('open311_token')
    .where('number', '=', id)
    .executeTakeFirstOrThrow();
  const tok = await client.get(`tokens/${row.open311_token}`, 'json');
  assert.deepEqual(tok.body, [{ service_request_id: id, token: row.open311_token }]);
  assert.equal((await client.get('tokens/unknown', 'xml')).status, 404);
});

test('errors use the spec format: 403 without a valid api_key, 400 without a location', async () => {
  const noKey = await client.post('xml', { service_code: '020101', lat: '30', long: '120' }, {}, 'wrong');
  assert.equal(noKey.status, 403);
  const e = (noKey.body as X).children[0]!;
  assert.equal((noKey.body as X).name, 'errors');
  assert.equal(val(e, 'code'), '403');
  assert.ok(val(e, 'description'));
  const noLocation = await client.post('json', { service_code: '020101', description: 'x' });
  assert.equal(noLocation.status, 400);
  assert.match((noLocation.body as { description: string }[])[0]!.description, /location/);
  const badAttr = await client.post('json', { service_code: '020101', address_string: 'x' }, { urgency: 'panic' });
  assert.equal(badAttr.status, 400);
  const html = await client.post('json', {
    service_code: '020101',
    address_string: '和平路',
    description: '<b>井盖</b>没了',
  });
  assert.equal(html.status, 200);
  const got = await client.get(
    `requests/${(html.body as { service_request_id: string }[])[0]!.service_request_id}`,
    'json',
  );
  assert.equal((got.body as { description: string }[])[0]!.description, '井盖没了');
});
