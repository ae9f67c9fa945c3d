import { z } from 'zod';
import { Role } from './roles.ts';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const CurrentUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  departmentId: z.uuid().nullable(),
  locale: Locale,
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const LoginResponse = z.object({ user: CurrentUser, csrfToken: z.string() });
export const MeResponse = z.object({ user: CurrentUser, csrfToken: z.string().nullable() });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, 'at least 10 characters').max(256),
});

export const UserSummary = CurrentUser.extend({ active: z.boolean(), createdAt: z.string() });
export type UserSummary = z.infer<typeof UserSummary>;

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'lowercase letters, digits, . _ - (2–32)'),
  displayName: z.string().trim().min(1).max(64),
  password: z.string().min(10, 'at least 10 characters').max(256),
  roles: z.array(Role).min(1),
  departmentId: z.uuid().nullable().default(null),
  locale: Locale.default('zh-CN'),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(64),
    roles: z.array(Role).min(1),
    departmentId: z.uuid().nullable(),
    locale: Locale,
    active: z.boolean(),
    password: z.string().min(10, 'at least 10 characters').max(256),
  })
  .partial();

export const ApiTokenCreateBody = z.object({
  name: z.string().trim().min(1).max(64),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ApiTokenSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ApiTokenCreated = ApiTokenSummary.extend({ token: z.string() });

export const AuditQuery = z.object({
  actorId: z.uuid().optional(),
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.string().regex(/^\d+$/).optional(),
});
export const AuditRow = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
});

export const Department = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(['center', 'city', 'district', 'street', 'unit']),
  regionCode: z.string().nullable(),
  active: z.boolean(),
});
export type Department = z.infer<typeof Department>;
