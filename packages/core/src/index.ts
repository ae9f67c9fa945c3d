export * from './clock.ts';
export * from './emitter.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './state-machine.ts';
