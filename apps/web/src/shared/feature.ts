import type { Role } from '@hotline/contracts';
import type { ComponentType, ReactNode } from 'react';

/** One page of a feature: its route, its menu entry (if any) and who may see it. */
export interface PageDef {
  path: string;
  /** i18n key of the menu label; pages without one are reachable by link only. */
  menuKey?: string;
  icon?: ReactNode;
  roles: readonly Role[];
  component: ComponentType;
  /** Menu group i18n key (e.g. 'menu.admin'). */
  group?: string;
  order?: number;
}

export interface FeatureDef {
  key: string;
  pages: PageDef[];
}
