import { adminRoutes } from './admin.ts';
import { authRoutes } from './auth.ts';
import { caseFileRoutes } from './case-files.ts';
import { caseIncidentRoutes } from './case-incidents.ts';
import { caseRoutes } from './cases.ts';
import { caseAdminRoutes } from './cases-admin.ts';
import { caseLinkRoutes } from './cases-links.ts';
import { crmRoutes } from './crm.ts';
import { kbRoutes } from './kb.ts';
import type { RouteModule } from './module.ts';
import { notificationRoutes } from './notifications.ts';
import { open311Routes } from './open311.ts';
import { telephonyRoutes } from './telephony.ts';
import { telephonyAdminRoutes } from './telephony-admin.ts';
import { telephonyBanRoutes } from './telephony-bans.ts';
import { userRoutes } from './users.ts';

/** Every feature's route module. Add one line per feature. */
export const routeModules: RouteModule[] = [
  authRoutes,
  userRoutes,
  adminRoutes,
  caseRoutes,
  caseAdminRoutes,
  caseFileRoutes,
  caseLinkRoutes,
  caseIncidentRoutes,
  open311Routes,
  crmRoutes,
  kbRoutes,
  notificationRoutes,
  telephonyRoutes,
  telephonyBanRoutes,
  telephonyAdminRoutes,
];
