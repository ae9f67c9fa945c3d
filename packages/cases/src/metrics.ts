import type { CaseState, Satisfaction } from './case-model.ts';

/** One department assignment (a party row), the unit of 签收/办结/退单 metrics. */
export interface AssignmentFact {
  caseId: string;
  partyId: string;
  departmentId: string;
  categoryCode: string;
  regionCode: string | null;
  dispatchedAt: number;
  signDeadline: number;
  signedAt: number | null;
  returnCount: number;
  finishDeadline: number;
  acceptedAt: number | null;
  finishedOnTime: boolean | null;
  withdrawnAt: number | null;
}

/** One handling round of a case once all replies were accepted: the unit of callback metrics. */
export interface RoundFact {
  caseId: string;
  round: number;
  departmentId: string;
  categoryCode: string;
  regionCode: string | null;
  reviewedAt: number;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
}

export function assignmentFacts(s: CaseState): AssignmentFact[] {
  return s.parties.map((p) => ({
    caseId: s.id,
    partyId: p.id,
    departmentId: p.departmentId,
    categoryCode: s.intake.categoryCode,
    regionCode: s.intake.address.districtCode,
    dispatchedAt: p.dispatchedAt,
    signDeadline: p.signDeadline,
    signedAt: p.signedAt,
    returnCount: p.returnCount,
    finishDeadline: p.finishDeadline,
    acceptedAt: p.acceptedAt,
    finishedOnTime: p.finishedOnTime,
    withdrawnAt: p.withdrawnAt,
  }));
}

export function roundFacts(s: CaseState): RoundFact[] {
  const out: RoundFact[] = [];
  for (let r = 1; r <= s.round; r++) {
    const top = s.parties.filter((p) => p.round === r && p.parentPartyId === null && p.status !== 'withdrawn');
    if (top.length === 0 || top.some((p) => p.status !== 'done')) continue;
    const lead = top.find((p) => p.role === 'lead') ?? top[0]!;
    const reached = s.callbacks.find((c) => c.round === r && c.reached);
    out.push({
      caseId: s.id,
      round: r,
      departmentId: lead.departmentId,
      categoryCode: s.intake.categoryCode,
      regionCode: s.intake.address.districtCode,
      reviewedAt: Math.max(...top.map((p) => p.acceptedAt ?? 0)),
      reached: reached !== undefined,
      resolved: reached?.resolved ?? null,
      satisfaction: reached?.satisfaction ?? null,
    });
  }
  return out;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when nothing was due. */
  rate: number | null;
}

export interface MetricSet {
  timelySign: Ratio;
  onTimeFinish: Ratio;
  returnRate: Ratio;
  callbackRate: Ratio;
  satisfactionRate: Ratio;
  resolutionRate: Ratio;
}
export type MetricName = keyof MetricSet;

/** The formula shown next to every number (zh-CN first, then English). */
export const METRIC_FORMULAS: Record<MetricName, { zh: string; en: string; formula: string }> = {
  timelySign: {
    zh: '及时签收率',
    en: 'Timely signing rate',
    formula:
      '签收时间 ≤ 签收时限的派单数 ÷ 应签收派单数（已签收或签收时限已过；不含退单获准、时限内撤回的派单）；按派单时间归期',
  },
  onTimeFinish: {
    zh: '按时办结率',
    en: 'On-time completion rate',
    formula:
      '回复被审核通过且回复时间 ≤ 办结时限（含批准延期）的派单数 ÷ 已签收且（已办结或办结时限已过）的派单数；按派单时间归期',
  },
  returnRate: {
    zh: '退单率',
    en: 'Return rate',
    formula: '至少退单一次的派单数 ÷ 派单数；按派单时间归期',
  },
  callbackRate: {
    zh: '回访率',
    en: 'Callback rate',
    formula: '回访接通的办理轮次 ÷ 全部回复审核通过的办理轮次（重办另计一轮）；按审核通过时间归期',
  },
  satisfactionRate: {
    zh: '回访满意率',
    en: 'Callback satisfaction rate',
    formula: '（满意 + 基本满意）÷ 回访接通且有满意度的轮次；按审核通过时间归期',
  },
  resolutionRate: {
    zh: '解决率',
    en: 'Resolution rate',
    formula: '回访认定已解决的轮次 ÷ 回访接通且有解决答复的轮次；按审核通过时间归期',
  },
};

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** Counts the six metrics over facts already filtered to one group and period, as of `asOf`. */
export function computeMetrics(
  assignments: readonly AssignmentFact[],
  rounds: readonly RoundFact[],
  asOf: number,
): MetricSet {
  let signNum = 0;
  let signDen = 0;
  let finNum = 0;
  let finDen = 0;
  let returned = 0;
  for (const a of assignments) {
    if (a.returnCount > 0) returned++;
    const withdrawnBeforeSignDue = a.signedAt === null && a.withdrawnAt !== null && a.withdrawnAt <= a.signDeadline;
    if (!withdrawnBeforeSignDue && (a.signedAt !== null || a.signDeadline < asOf)) {
      signDen++;
      if (a.signedAt !== null && a.signedAt <= a.signDeadline) signNum++;
    }
    const withdrawnBeforeDue = a.acceptedAt === null && a.withdrawnAt !== null && a.withdrawnAt <= a.finishDeadline;
    if (a.signedAt !== null && !withdrawnBeforeDue && (a.acceptedAt !== null || a.finishDeadline < asOf)) {
      finDen++;
      if (a.acceptedAt !== null && a.finishedOnTime === true) finNum++;
    }
  }
  const reached = rounds.filter((r) => r.reached);
  const rated = reached.filter((r) => r.satisfaction !== null);
  const answered = reached.filter((r) => r.resolved !== null);
  return {
    timelySign: ratio(signNum, signDen),
    onTimeFinish: ratio(finNum, finDen),
    returnRate: ratio(returned, assignments.length),
    callbackRate: ratio(reached.length, rounds.length),
    satisfactionRate: ratio(rated.filter((r) => r.satisfaction !== 'dissatisfied').length, rated.length),
    resolutionRate: ratio(answered.filter((r) => r.resolved === true).length, answered.length),
  };
}
