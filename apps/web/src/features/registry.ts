import type { FeatureDef } from '../shared/feature.ts';
import { adminFeature } from './admin/index.tsx';
import { casesFeature } from './cases/index.tsx';
import { crmFeature } from './crm/index.tsx';
import { incidentsFeature } from './incidents/index.tsx';
import { kbFeature } from './kb/index.tsx';
import { telephonyFeature } from './telephony/index.tsx';

/** Every feature of the web app. Add one line per feature (its index registers its messages). */
export const features: FeatureDef[] = [
  adminFeature,
  casesFeature,
  crmFeature,
  incidentsFeature,
  kbFeature,
  telephonyFeature,
];
