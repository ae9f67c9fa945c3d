/**
 * Open311 GeoReport v2 encodings (wiki.open311.org/GeoReport_v2). "XML is required. JSON is
 * optional … a mechanical mapping of the XML": one data tree, two serialisations.
 */
import type { CaseState, Category, CategoryTree, DepartmentTree } from '@hotline/cases';

export type Format = 'json' | 'xml';
type Node = string | number | boolean | null | Node[] | { [k: string]: Node };

/** Element names of array items in the XML form. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function el(name: string, v: Node): string {
  if (v === null) return `<${name}/>`;
  if (Array.isArray(v)) return `<${name}>${v.map((x) => el(ITEM[name] ?? 'item', x)).join('')}</${name}>`;
  if (typeof v === 'object') {
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => el(k, x))
      .join('')}</${name}>`;
  }
  return `<${name}>${esc(String(v))}</${name}>`;
}

/** Serialises a top-level list (`services`, `service_requests`, `errors`) or object (`service_definition`, `discovery`). */
export function encode(format: Format, root: string, body: Node): { type: string; text: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', text: JSON.stringify(body) };
  return { type: 'text/xml; charset=utf-8', text: `<?xml version="1.0" encoding="utf-8"?>${el(root, body)}` };
}

export function errorBody(code: number, description: string): Node {
  return [{ code, description }];
}

/** A leaf category is a service; `group` is its top-level category. */
export function serviceOf(tree: CategoryTree, c: Category): Node {
  const path = tree.path(c.code);
  return {
    service_code: c.code,
    service_name: c.name,
    description: path.map((p) => p.name).join(' / '),
    metadata: true,
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: path[0]?.name ?? c.name,
  };
}

/** Service definition: the attributes our intake understands beyond the standard fields. */
export function serviceDefinition(c: Category): Node {
  return {
    service_code: c.code,
    attributes: [
      {
        variable: true,
        code: 'case_type',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '诉求类型，缺省为投诉',
        order: 1,
        description: '诉求类型 Request type',
        values: [
          ['complaint', '投诉'],
          ['repair', '报修'],
          ['report', '举报'],
          ['consultation', '咨询'],
          ['suggestion', '建议'],
          ['help', '求助'],
          ['praise', '表扬'],
        ].map(([key, name]) => ({ key: key!, name: name! })),
      },
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '紧急程度，缺省为一般',
        order: 2,
        description: '紧急程度 Urgency',
        values: [
          { key: 'normal', name: '一般' },
          { key: 'urgent', name: '紧急' },
          { key: 'critical', name: '特急' },
        ],
      },
    ],
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** Our many statuses map down to the spec's open/closed. */
export function requestOf(s: CaseState, tree: CategoryTree, departments: DepartmentTree): Node {
  const lead = s.parties.filter((p) => p.role === 'lead' && p.status !== 'withdrawn').at(-1);
  const accepted = s.parties.filter((p) => p.reply && p.acceptedAt !== null).at(-1);
  return {
    service_request_id: s.number,
    status: s.status === 'closed' ? 'closed' : 'open',
    status_notes: s.directAnswer ?? accepted?.reply?.content ?? null,
    service_name: tree.get(s.intake.categoryCode)?.name ?? null,
    service_code: s.intake.categoryCode,
    description: s.intake.description,
    agency_responsible: lead ? (departments.get(lead.departmentId)?.name ?? null) : null,
    service_notice: null,
    requested_datetime: iso(s.createdAt),
    updated_datetime: iso(s.updatedAt),
    expected_datetime: lead ? iso(lead.finishDeadline) : null,
    address: s.intake.address.text || null,
    address_id: null,
    zipcode: null,
    lat: s.intake.address.lat,
    long: s.intake.address.lng,
    media_url: s.intake.attachments.find((a) => a.kind === 'image')?.url ?? null,
  };
}

/**
 * Form fields → flat map plus attributes: `attribute[code]=v`, `attribute[code][]=v` (multi).
 */
export function parseForm(body: string): {
  fields: Record<string, string>;
  attributes: Record<string, string | string[]>;
} {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const m = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(k);
    if (!m) {
      fields[k] = v;
      continue;
    }
    const code = m[1]!;
    if (m[2]) {
      const prev = attributes[code];
      attributes[code] = [...(Array.isArray(prev) ? prev : prev !== undefined ? [prev] : []), v];
    } else attributes[code] = v;
  }
  return { fields, attributes };
}
