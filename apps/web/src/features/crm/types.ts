/** Shapes of the CRM API responses as the browser receives them (dates are ISO strings). */
export type CustomerKind = 'person' | 'organization';
export type CallerList = 'black' | 'white' | 'vip';
export type ListAction = 'reject' | 'hangup' | 'warn' | 'priority' | 'direct';

export interface CustomerPhone {
  key: string;
  raw: string;
  label: string | null;
  region: string | null;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  idNumber: string | null;
  address: string | null;
  email: string | null;
  notes: string | null;
  phones: CustomerPhone[];
  createdAt: string;
  updatedAt: string;
}

export type AccountValue = string | number | boolean | string[] | null;

export interface Account {
  id: string;
  customerId: string;
  schemaId: string;
  accountNumber: string;
  data: Record<string, AccountValue>;
  status: string;
  updatedAt: string;
}

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

export interface AccountChange {
  at: string;
  actorId: string | null;
  actorName: string | null;
  before: Record<string, AccountValue> | null;
  after: Record<string, AccountValue>;
  reason: string | null;
}

export interface Contact {
  id: string;
  customerId: string | null;
  phoneKey: string | null;
  channel: 'call' | 'case' | 'sms' | 'email' | 'chat' | 'wechat' | 'visit';
  direction: string;
  refType: string | null;
  refId: string | null;
  summary: string;
  at: string;
}

export interface ListEntry {
  id: string;
  list: CallerList;
  phoneKey: string;
  customerId: string | null;
  reason: string;
  action: ListAction | null;
  priority: number;
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CallerStatus {
  phoneKey: string | null;
  black: ListEntry | null;
  white: ListEntry | null;
  vip: ListEntry | null;
}

export interface CustomerView {
  customer: Customer;
  accounts: Account[];
  timeline: Contact[];
  lists: CallerStatus[];
}

export interface CallerRegion {
  province: string;
  city: string;
  cities: string[];
  label: string;
  source: 'mobile_prefix' | 'area_code';
}

export interface ScreenPop {
  phone: { key: string; display: string; kind: string } | null;
  region: CallerRegion | null;
  carrier: string | null;
  customers: Array<Customer & { accounts: Account[] }>;
  recent: Contact[];
  lists: CallerStatus;
}

export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  total: number;
  valid: number;
  imported: number;
  problems: ImportProblem[];
}
