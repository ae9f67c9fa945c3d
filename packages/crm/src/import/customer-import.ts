import type { AccountData, AccountSchema } from '../store/account-schema.ts';
import { validateAccountData } from '../store/account-schema.ts';
import {
  type CrmOptions,
  type CustomerInput,
  type CustomerPhone,
  checkCustomer,
} from '../store/customer-repository.ts';

/**
 * 客户资料导入: a sheet (first row = headers, Chinese or English) → validated customers. Every bad
 * row is listed with its sheet row number; the caller imports nothing unless the report is clean.
 */
export interface ImportProblem {
  /** Row number as the user sees it in the sheet (header = row 1). */
  row: number;
  column: string | null;
  message: string;
}

export interface ImportRow {
  row: number;
  customer: CustomerInput;
  phones: CustomerPhone[];
  account: { accountNumber: string; data: AccountData } | null;
}

export interface ImportReport {
  ok: boolean;
  total: number;
  valid: number;
  problems: ImportProblem[];
  rows: ImportRow[];
}

export const MAX_IMPORT_ROWS = 100_000;

const HEADERS: Record<string, keyof typeof COLUMN> = {
  类型: 'kind',
  kind: 'kind',
  客户类型: 'kind',
  姓名: 'name',
  名称: 'name',
  客户名称: 'name',
  name: 'name',
  电话: 'phones',
  手机: 'phones',
  联系电话: 'phones',
  phone: 'phones',
  phones: 'phones',
  证件号码: 'idNumber',
  身份证号: 'idNumber',
  统一社会信用代码: 'idNumber',
  id_number: 'idNumber',
  idnumber: 'idNumber',
  地址: 'address',
  address: 'address',
  邮箱: 'email',
  email: 'email',
  备注: 'notes',
  notes: 'notes',
  户号: 'account',
  账号: 'account',
  账户号: 'account',
  account: 'account',
  account_number: 'account',
};
const COLUMN = { kind: 1, name: 1, phones: 1, idNumber: 1, address: 1, email: 1, notes: 1, account: 1 } as const;
const KIND: Record<string, 'person' | 'organization'> = {
  个人: 'person',
  person: 'person',
  居民: 'person',
  '': 'person',
  单位: 'organization',
  企业: 'organization',
  组织: 'organization',
  organization: 'organization',
  org: 'organization',
};

export function validateImport(
  sheet: string[][],
  opts: CrmOptions & { schema?: AccountSchema | null; existingAccounts?: ReadonlySet<string> } = {},
): ImportReport {
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const [header, ...body] = sheet;
  if (!header)
    return { ok: false, total: 0, valid: 0, problems: [{ row: 1, column: null, message: 'the file is empty' }], rows };
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      total: body.length,
      valid: 0,
      problems: [{ row: 1, column: null, message: `more than ${MAX_IMPORT_ROWS} rows` }],
      rows,
    };
  }
  const schema = opts.schema ?? null;
  const cols = header.map((h) => h.trim());
  const role = cols.map((h) => HEADERS[h] ?? HEADERS[h.toLowerCase()] ?? null);
  const fieldOf = cols.map((h) => schema?.fields.find((f) => f.label === h || f.key === h)?.key ?? null);
  if (!role.includes('name')) problems.push({ row: 1, column: null, message: 'missing column 姓名/名称 (name)' });
  cols.forEach((h, i) => {
    if (!role[i] && !fieldOf[i] && h !== '') problems.push({ row: 1, column: h, message: `unknown column ${h}` });
  });
  if (problems.length > 0) return { ok: false, total: body.length, valid: 0, problems, rows };
  const seenAccounts = new Map<string, number>();
  body.forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (r: keyof typeof COLUMN): string => {
      const idx = role.indexOf(r);
      return idx >= 0 ? (cells[idx] ?? '').trim() : '';
    };
    const kindText = get('kind');
    const kind = KIND[kindText] ?? KIND[kindText.toLowerCase()];
    const rowProblems: ImportProblem[] = [];
    if (!kind)
      rowProblems.push({ row: rowNo, column: cols[role.indexOf('kind')] ?? null, message: `unknown kind ${kindText}` });
    const customer: CustomerInput = {
      kind: kind ?? 'person',
      name: get('name'),
      idNumber: get('idNumber').toUpperCase() || null,
      address: get('address') || null,
      email: get('email') || null,
      notes: get('notes') || null,
      phones: get('phones')
        .split(/[;；,，、/\n]/)
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .map((number) => ({ number })),
    };
    const check = checkCustomer(customer, opts);
    if (!check.ok) for (const m of check.problems) rowProblems.push({ row: rowNo, column: null, message: m });
    let account: ImportRow['account'] = null;
    const accountNumber = get('account');
    const fieldValues: Record<string, unknown> = {};
    fieldOf.forEach((k, idx) => {
      if (k) fieldValues[k] = cells[idx] ?? '';
    });
    if (accountNumber !== '' || Object.values(fieldValues).some((v) => v !== '')) {
      if (!schema)
        rowProblems.push({ row: rowNo, column: null, message: 'account columns given but no account schema chosen' });
      else if (accountNumber === '')
        rowProblems.push({ row: rowNo, column: null, message: 'account fields without an account number' });
      else {
        const first = seenAccounts.get(accountNumber);
        if (first)
          rowProblems.push({ row: rowNo, column: null, message: `account ${accountNumber} repeats row ${first}` });
        else seenAccounts.set(accountNumber, rowNo);
        if (opts.existingAccounts?.has(accountNumber))
          rowProblems.push({ row: rowNo, column: null, message: `account ${accountNumber} already exists` });
        const v = validateAccountData(schema, fieldValues);
        if (!v.ok) for (const m of v.problems) rowProblems.push({ row: rowNo, column: null, message: m });
        else account = { accountNumber, data: v.data };
      }
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (check.ok) rows.push({ row: rowNo, customer, phones: check.phones, account });
  });
  return { ok: problems.length === 0, total: body.length, valid: rows.length, problems, rows };
}
