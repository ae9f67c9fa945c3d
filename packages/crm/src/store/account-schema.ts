/**
 * Accounts have an editor-defined schema: a water utility's account (户号) has an address, a meter
 * number, arrears and products; a city's register has addresses. Validation is pure.
 */
export interface AccountField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'list';
  required?: boolean;
}

export interface AccountSchema {
  id: string;
  name: string;
  fields: AccountField[];
}

export type AccountData = Record<string, string | number | boolean | string[] | null>;

/** Returns the data coerced to the schema's types, or the list of problems. */
export function validateAccountData(
  schema: AccountSchema,
  input: Record<string, unknown>,
): { ok: true; data: AccountData } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const data: AccountData = {};
  const known = new Set(schema.fields.map((f) => f.key));
  for (const k of Object.keys(input)) if (!known.has(k)) problems.push(`unknown field ${k}`);
  for (const f of schema.fields) {
    const v = input[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) problems.push(`${f.label} is required`);
      else data[f.key] = null;
      continue;
    }
    switch (f.type) {
      case 'text':
        data[f.key] = String(v);
        break;
      case 'number': {
        const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
        if (!Number.isFinite(n)) problems.push(`${f.label} must be a number`);
        else data[f.key] = n;
        break;
      }
      case 'date': {
        const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim().replace(/[/.]/g, '-');
        if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(s) || Number.isNaN(Date.parse(s)))
          problems.push(`${f.label} must be a date`);
        else data[f.key] = s;
        break;
      }
      case 'boolean': {
        const s = String(v).trim().toLowerCase();
        if (['true', '1', '是', 'yes', 'y'].includes(s)) data[f.key] = true;
        else if (['false', '0', '否', 'no', 'n'].includes(s)) data[f.key] = false;
        else problems.push(`${f.label} must be yes/no`);
        break;
      }
      case 'list':
        data[f.key] = Array.isArray(v)
          ? v.map(String)
          : String(v)
              .split(/[,，、;；]/)
              .map((x) => x.trim())
              .filter((x) => x !== '');
        break;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data };
}

/** Demo schema: a water utility's customer account. */
export const WATER_ACCOUNT_SCHEMA: AccountSchema = {
  id: 'water',
  name: '供水户号',
  fields: [
    { key: 'address', label: '用水地址', type: 'text', required: true },
    { key: 'meter', label: '水表编号', type: 'text' },
    { key: 'arrears', label: '欠费金额', type: 'number' },
    { key: 'products', label: '业务', type: 'list' },
    { key: 'openedOn', label: '立户日期', type: 'date' },
  ],
};
