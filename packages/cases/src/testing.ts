import type { Actor, Role } from './actor.ts';
import type { CaseCommand } from './case-commands.ts';
import type { CaseEvent } from './case-events.ts';
import type { CaseIntake, CaseState } from './case-model.ts';
import { CategoryTree } from './category-tree.ts';
import { type CommandContext, decide } from './decide.ts';
import { DEMO_CATEGORIES, DEMO_DEFAULT_LIMITS, DEMO_DEPARTMENTS, demoDepartment } from './demo-catalog.ts';
import { DepartmentTree } from './department-tree.ts';
import { type ClockRules, DEFAULT_CLOCK_RULES } from './time-limit.ts';
import { type CalendarOverride, WorkingCalendar } from './working-calendar.ts';

/** Test helpers: a deterministic command context over the demo catalog, actors, and a case driver. */
export function testContext(
  opts: { overrides?: CalendarOverride[]; rules?: Partial<ClockRules> } = {},
): CommandContext {
  let n = 0;
  return {
    calendar: new WorkingCalendar({ overrides: opts.overrides ?? [] }),
    rules: { ...DEFAULT_CLOCK_RULES, ...opts.rules },
    categories: new CategoryTree(DEMO_CATEGORIES, DEMO_DEFAULT_LIMITS),
    departments: new DepartmentTree(DEMO_DEPARTMENTS),
    newId: () => `id-${++n}`,
  };
}

export function centerActor(role: Role = 'agent', name = role): Actor {
  return { id: `u-${name}`, name, roles: [role], departmentId: null };
}

export function deptActor(code: string): Actor {
  return { id: `u-${code}`, name: `staff of ${code}`, roles: ['department'], departmentId: demoDepartment(code).id };
}

export function demoIntake(over: Partial<CaseIntake> = {}): CaseIntake {
  return {
    channel: 'phone',
    type: 'complaint',
    categoryCode: '040101',
    urgency: 'normal',
    caller: { name: '张三', phone: '13800138000', confidential: false },
    address: {
      text: '东城区和平街道幸福路12号',
      districtCode: '330102',
      streetCode: '330102001',
      community: '幸福社区',
      lat: null,
      lng: null,
    },
    description: '夜间施工噪声扰民',
    expectation: '停止夜间施工',
    attachments: [],
    ...over,
  };
}

/** Drives one case through commands, keeping the event log; `run` throws on a refused command. */
export class CaseDriver {
  state: CaseState | null = null;
  readonly log: CaseEvent[] = [];
  readonly ctx: CommandContext;
  readonly now: () => number;

  constructor(ctx: CommandContext, now: () => number) {
    this.ctx = ctx;
    this.now = now;
  }

  try(cmd: CaseCommand, actor: Actor) {
    const r = decide(this.state, cmd, actor, this.now(), this.ctx);
    if (r.ok) {
      this.state = r.state;
      this.log.push(...r.events);
    }
    return r;
  }

  run(cmd: CaseCommand, actor: Actor): CaseState {
    const r = this.try(cmd, actor);
    if (!r.ok) throw r.error;
    return r.state;
  }

  get s(): CaseState {
    if (!this.state) throw new Error('no case yet');
    return this.state;
  }

  party(departmentCode: string, round?: number) {
    const id = demoDepartment(departmentCode).id;
    const p = this.s.parties.filter((x) => x.departmentId === id && (round === undefined || x.round === round)).at(-1);
    if (!p) throw new Error(`no party for ${departmentCode}`);
    return p;
  }
}
