export * from './auth.ts';
export * from './call-control.ts';
export * from './cases.ts';
export * from './common.ts';
export * from './crm.ts';
export * from './kb.ts';
export * from './notifications.ts';
export * from './roles.ts';
