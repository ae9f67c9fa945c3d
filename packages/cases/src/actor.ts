import type { CaseState } from './case-model.ts';

/** Roles of the foundation's users, plus `public` for intake from the citizen portal and Open311. */
export type Role = 'admin' | 'supervisor' | 'agent' | 'qa' | 'department' | 'leader' | 'public';

/** Who performs a command. Department users carry their department id. */
export interface Actor {
  id: string;
  name: string;
  roles: readonly Role[];
  departmentId: string | null;
}

export const CENTER_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const CENTER_LEADS: readonly Role[] = ['admin', 'supervisor'];

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function isCenter(actor: Actor): boolean {
  return hasRole(actor, CENTER_ROLES);
}

/** Whether a department user is (or was) a party on the case. */
export function isPartyDepartment(actor: Actor, s: CaseState): boolean {
  return actor.departmentId !== null && s.parties.some((p) => p.departmentId === actor.departmentId);
}

/** Read access: center staff, QA and leaders see every case; department users only their own. */
export function canView(actor: Actor, s: CaseState): boolean {
  if (hasRole(actor, ['admin', 'supervisor', 'agent', 'qa', 'leader'])) return true;
  return hasRole(actor, ['department']) && isPartyDepartment(actor, s);
}

/** 138****5678: keeps the first three and last four digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** The case as an actor may see it: a confidential caller's number is masked for non-center users. */
export function viewFor(actor: Actor, s: CaseState): CaseState {
  const c = s.intake.caller;
  if (isCenter(actor) || !c.confidential || c.phone === null) return s;
  return {
    ...s,
    intake: {
      ...s.intake,
      caller: { ...c, name: c.name ? `${c.name.slice(0, 1)}**` : null, phone: maskPhone(c.phone) },
    },
  };
}
