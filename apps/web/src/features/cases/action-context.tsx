import type { CurrentUser } from '@hotline/contracts';
import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import type { CaseView, Catalog, Department, Party } from './model.ts';

/** One command the current user may send: a button, an optional form, and the body it posts. */
export interface ActionSpec {
  key: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  fields?: ReactNode;
  initial?: Record<string, unknown>;
  /** Width of the action's dialog (default antd's 520). */
  width?: number;
  body: (v: Record<string, unknown>) => Record<string, unknown>;
}

export const has = (u: CurrentUser, roles: string[]) => u.roles.some((r) => roles.includes(r));
export const CENTER = ['admin', 'supervisor', 'agent'];
export const LEADS = ['admin', 'supervisor'];
export const note = (v: Record<string, unknown>) => (v.note ? { note: String(v.note) } : {});
export const req = [{ required: true, whitespace: true }];

/** What every action builder consults: the case, the user, labels and the dispatchable departments. */
export interface ActionContext {
  c: CaseView;
  user: CurrentUser;
  catalog: Catalog | null;
  now: number;
  t: (key: string, vars?: Record<string, string | number>) => string;
  center: boolean;
  leads: boolean;
  depts: Department[];
  deptOptions: { value: string; label: string }[];
  name: (p: Party) => string;
  noteField: (label?: string, required?: boolean) => ReactNode;
  /** Top-level parties (not re-dispatched children). */
  top: Party[];
  /** Parties whose clocks still run. */
  open: Party[];
  /** Parties this user supervises: top-level ones for the center, re-dispatched children for their parent department. */
  supervised: (p: Party) => boolean;
}

export function actionContext(
  c: CaseView,
  user: CurrentUser,
  catalog: Catalog | null,
  now: number,
  t: ActionContext['t'],
  dept: (cat: Catalog | null, id: string) => string,
): ActionContext {
  const center = has(user, CENTER);
  const depts = (catalog?.departments ?? []).filter((d) => d.active && d.kind !== 'center');
  return {
    c,
    user,
    catalog,
    now,
    t,
    center,
    leads: has(user, LEADS),
    depts,
    deptOptions: depts.map((d) => ({ value: d.id, label: d.name })),
    name: (p) => dept(catalog, p.departmentId),
    noteField: (label = t('cases.action.note'), required = false) => (
      <Form.Item name="note" label={label} rules={required ? req : []}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    top: c.parties.filter((p) => p.parentPartyId === null),
    open: c.parties.filter((p) => ['to_sign', 'in_progress', 'delegated', 'returned', 'replied'].includes(p.status)),
    supervised: (p) => {
      if (p.parentPartyId === null) return center;
      const parent = c.parties.find((x) => x.id === p.parentPartyId);
      return has(user, ['department']) && parent?.departmentId === user.departmentId;
    },
  };
}
