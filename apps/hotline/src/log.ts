import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; `name` tells the process (supervisor, control, switch). */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
