/**
 * The one place that reads the environment. Every option has a default that works on a laptop;
 * values come from (lowest to highest) defaults, an optional JSON file (`HOTLINE_CONFIG`), and
 * environment variables. Every bad key is reported at once, then the process exits non-zero
 * before touching any data.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseSecretKey, SECRET_KEY_FORMAT } from './secrets/secret-box.ts';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])]).transform((v) => {
  if (typeof v === 'boolean') return v;
  return v === 'true' || v === '1' || v === 'yes';
});

export const ConfigSchema = z
  .object({
    dataDir: z.string().min(1).default('./var'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    httpHost: z.string().min(1).default('0.0.0.0'),
    httpPort: port.default(8080),
    publicUrl: z.url().optional(),
    sipHost: z.string().min(1).default('127.0.0.1'),
    sipPort: port.default(5060),
    sipTlsPort: port.default(5061),
    /** PEM files of the SIP TLS certificate (chain) and key; both unset = a self-signed one (demo). */
    sipTlsCert: z.string().min(1).optional(),
    sipTlsKey: z.string().min(1).optional(),
    rtpPortMin: port.default(30000),
    rtpPortMax: port.default(39999),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    logPretty: bool.default(false),
    sessionTtlHours: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    secureCookies: bool.default(false),
    loginMaxFailures: z.coerce.number().int().min(1).max(100).default(5),
    loginLockMinutes: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(15),
    adminPassword: z.string().min(10, 'must be at least 10 characters').optional(),
    demo: bool.default(true),
    recordingsDir: z.string().optional(),
    archiveDir: z.string().optional(),
    caseNumberPrefix: z
      .string()
      .regex(/^[A-Za-z0-9]{1,16}$/, 'must be 1–16 letters or digits')
      .default('12319'),
    /** Largest file a user may attach to a case, in MB. */
    caseFileMaxMb: z.coerce.number().positive().max(1024).default(20),
    /** Uploads never attached to a case are deleted after this many hours. */
    caseFileUnboundHours: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
    switchControlHost: z.string().min(1).default('127.0.0.1'),
    switchControlPort: port.default(5071),
    callControlToken: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Master key of the secrets control keeps encrypted (trunk passwords, decision 0309). */
    secretKey: z
      .string()
      .refine((v) => parseSecretKey(v) !== null, { message: SECRET_KEY_FORMAT })
      .optional(),
    fallbackExtensions: z
      .string()
      .regex(/^([0-9]{2,8}(,[0-9]{2,8})*)?$/, 'comma-separated extensions')
      .default('1001,1002,1003'),
  })
  .strict()
  .refine((c) => c.rtpPortMin < c.rtpPortMax, { message: 'must be below rtpPortMax', path: ['rtpPortMin'] })
  .refine((c) => (c.sipTlsCert === undefined) === (c.sipTlsKey === undefined), {
    message: 'set both the certificate and the key, or neither (self-signed)',
    path: ['sipTlsKey'],
  });

export type Config = z.infer<typeof ConfigSchema> & { dbDir: string; recordingsDir: string };

/** Environment variable → config key. Documented in the README. */
export const ENV_KEYS: Record<string, keyof z.input<typeof ConfigSchema>> = {
  HOTLINE_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  HOTLINE_HTTP_HOST: 'httpHost',
  HOTLINE_HTTP_PORT: 'httpPort',
  HOTLINE_PUBLIC_URL: 'publicUrl',
  HOTLINE_SIP_HOST: 'sipHost',
  HOTLINE_SIP_PORT: 'sipPort',
  HOTLINE_SIP_TLS_PORT: 'sipTlsPort',
  HOTLINE_SIP_TLS_CERT: 'sipTlsCert',
  HOTLINE_SIP_TLS_KEY: 'sipTlsKey',
  HOTLINE_RTP_PORT_MIN: 'rtpPortMin',
  HOTLINE_RTP_PORT_MAX: 'rtpPortMax',
  HOTLINE_LOG_LEVEL: 'logLevel',
  HOTLINE_LOG_PRETTY: 'logPretty',
  HOTLINE_SESSION_TTL_HOURS: 'sessionTtlHours',
  HOTLINE_SECURE_COOKIES: 'secureCookies',
  HOTLINE_LOGIN_MAX_FAILURES: 'loginMaxFailures',
  HOTLINE_LOGIN_LOCK_MINUTES: 'loginLockMinutes',
  HOTLINE_ADMIN_PASSWORD: 'adminPassword',
  HOTLINE_DEMO: 'demo',
  HOTLINE_RECORDINGS_DIR: 'recordingsDir',
  HOTLINE_ARCHIVE_DIR: 'archiveDir',
  HOTLINE_CASE_NUMBER_PREFIX: 'caseNumberPrefix',
  HOTLINE_CASE_FILE_MAX_MB: 'caseFileMaxMb',
  HOTLINE_CASE_FILE_UNBOUND_HOURS: 'caseFileUnboundHours',
  HOTLINE_SWITCH_CONTROL_HOST: 'switchControlHost',
  HOTLINE_SWITCH_CONTROL_PORT: 'switchControlPort',
  HOTLINE_CALL_CONTROL_TOKEN: 'callControlToken',
  HOTLINE_SECRET_KEY: 'secretKey',
  HOTLINE_FALLBACK_EXTENSIONS: 'fallbackExtensions',
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  const file = env.HOTLINE_CONFIG;
  if (file) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fromFile = parsed as Record<string, unknown>;
      else problems.push(`HOTLINE_CONFIG (${file}): must contain a JSON object`);
    } catch (e) {
      problems.push(`HOTLINE_CONFIG (${file}): ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  for (const name of Object.keys(env)) {
    if (
      name.startsWith('HOTLINE_') &&
      !(name in ENV_KEYS) &&
      name !== 'HOTLINE_CONFIG' &&
      !name.startsWith('HOTLINE_TEST_')
    ) {
      problems.push(`${name}: unknown setting (known: ${Object.keys(ENV_KEYS).join(', ')})`);
    }
  }
  const result = ConfigSchema.safeParse({ ...fromFile, ...fromEnv });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
      const envName = Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0];
      problems.push(`${key}${envName ? ` (${envName})` : ''}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const c = result.data;
  const dataDir = resolve(cwd, c.dataDir);
  return {
    ...c,
    dataDir,
    dbDir: resolve(dataDir, 'db'),
    recordingsDir: resolve(cwd, c.recordingsDir ?? resolve(dataDir, 'recordings')),
    ...(c.sipTlsCert !== undefined ? { sipTlsCert: resolve(cwd, c.sipTlsCert) } : {}),
    ...(c.sipTlsKey !== undefined ? { sipTlsKey: resolve(cwd, c.sipTlsKey) } : {}),
  };
}
