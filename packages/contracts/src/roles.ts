import { z } from 'zod';

/**
 * Roles. A user may hold several.
 * - admin: configuration, users, trunks, flows
 * - supervisor (班长): watches the floor, listens/whispers/barges, manages agents and the center's cases
 * - agent (话务员/座席): answers calls, registers cases
 * - qa (质检员): reviews recordings and scores calls
 * - department (二级联动单位): a department's staff handling dispatched cases in the portal
 * - leader (领导): dashboards, statistics, instructions (批示)
 */
export const ROLES = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
