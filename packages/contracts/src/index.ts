export * from './auth.ts';
export * from './cases.ts';
export * from './common.ts';
export * from './roles.ts';
