import { ErrorCode } from '@hotline/core';
import { type Actor, hasRole } from './actor.ts';
import { attachmentProblems } from './case-attachments.ts';
import type { CaseCommand } from './case-commands.ts';
import { MAX_TEXT } from './case-commands.ts';
import { CASE_TYPES, type CaseIntake, CHANNELS, URGENCIES } from './case-model.ts';
import type { CommandContext, Decision } from './decide.ts';
import { fail } from './decide.ts';

const PHONE = /^\+?[0-9-]{3,20}$/;

/** Checks an intake; returns a list of problems (empty when valid). Hostile input never throws. */
export function intakeProblems(intake: CaseIntake, ctx: Pick<CommandContext, 'categories'>): string[] {
  const out: string[] = [];
  if (!CASE_TYPES.includes(intake.type)) out.push('type: unknown');
  if (!CHANNELS.includes(intake.channel)) out.push('channel: unknown');
  if (!URGENCIES.includes(intake.urgency)) out.push('urgency: unknown');
  const cat = ctx.categories.get(intake.categoryCode);
  if (!cat?.active) out.push(`categoryCode: unknown or inactive (${intake.categoryCode})`);
  if (typeof intake.description !== 'string' || intake.description.trim() === '') out.push('description: required');
  else if (intake.description.length > MAX_TEXT) out.push(`description: longer than ${MAX_TEXT}`);
  if (intake.caller.phone !== null && !PHONE.test(intake.caller.phone)) out.push('caller.phone: invalid');
  const { lat, lng } = intake.address;
  if ((lat === null) !== (lng === null)) out.push('address: lat and lng go together');
  if (lat !== null && (lat < -90 || lat > 90)) out.push('address.lat: out of range');
  if (lng !== null && (lng < -180 || lng > 180)) out.push('address.lng: out of range');
  out.push(...attachmentProblems(intake.attachments, 'attachments'));
  return out;
}

export function decideRegister(
  cmd: Extract<CaseCommand, { type: 'register' }>,
  actor: Actor,
  ctx: CommandContext,
): Decision {
  if (!hasRole(actor, ['admin', 'supervisor', 'agent', 'public'])) {
    return fail(ErrorCode.Forbidden, 'only center staff or the public intake may register cases');
  }
  const problems = intakeProblems(cmd.intake, ctx);
  if (problems.length > 0) return fail(ErrorCode.ValidationFailed, problems.join('; '), { problems });
  const timeLimit = ctx.categories.timeLimit(cmd.intake.categoryCode, cmd.intake.urgency);
  return [{ type: 'registered', caseId: cmd.caseId, number: cmd.number, intake: cmd.intake, timeLimit }];
}
