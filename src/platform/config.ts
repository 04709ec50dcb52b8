// Configuration: environment variables over an optional JSON file, validated
// once at start-up. Every problem becomes one ConfigError line that tells the
// operator what to change; nothing downstream re-reads process.env.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Dialect = 'sqlite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dialect: Dialect;
  sqliteFile: string;
  secret: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy (nginx) in front of the node. */
  trustProxy: boolean;
  /** Requests per minute per client IP before 429. */
  rateLimitPerMinute: number;
  /** Largest accepted request body in bytes (forms and JSON). */
  bodyLimit: number;
  /** Run the job worker in this process. */
  jobsEnabled: boolean;
  jobConcurrency: number;
  pgPoolMax: number;
  /** Start on PostgreSQL even when fsync/full_page_writes/synchronous_commit are off. */
  pgAllowUnsafe: boolean;
  /** Seconds to wait for in-flight requests and jobs on SIGTERM. */
  shutdownGraceSeconds: number;
  /** The address people reach this deployment at, for links in emails and SMS. */
  publicUrl: string;
  /**
   * True when YIMEN_PUBLIC_URL was given. Otherwise publicUrl is only this
   * node's own address, and public pages (sitemap, feeds, canonical links)
   * derive their absolute URLs from the request's Host instead.
   */
  publicUrlConfigured: boolean;
  /** Keep rendered public pages in memory (YIMEN_PAGE_CACHE); off only for benchmarks. */
  pageCache: boolean;
  /**
   * Days before a staff password must be changed; 0 = never (ASVS 6.2.10
   * forbids forced rotation; the 等保 level-3 profile asks for 定期更换, e.g. 90).
   */
  passwordMaxAgeDays: number;
  notify: NotifyConfig;
}

/** SMS and email gateways; each absent one is the development sink (messages held, not sent). */
export interface NotifyConfig {
  /** smpp://system_id:password@host:2775 (ssmpp:// for TLS). */
  smppUrl: string | undefined;
  /** Source address (sender number or 短信签名 code) put on every submit_sm. */
  smppSource: string;
  /** submit_sm PDUs per second this node sends at most. */
  smppThroughput: number;
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Accept a self-signed SMTP server certificate (an internal relay); off by default. */
  smtpAllowSelfSigned: boolean;
  /** Quiet hours in Asia/Shanghai, minutes after midnight; undefined = none. */
  quietHours: { start: number; end: number } | undefined;
  /** Non-urgent messages per recipient and hour. */
  perRecipientPerHour: number;
  smsPerMinute: number;
  emailPerMinute: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Keys accepted in the config file; each maps to the environment variable it stands for. */
const FILE_KEYS: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'YIMEN_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  secret: 'YIMEN_SECRET',
  logLevel: 'LOG_LEVEL',
  trustProxy: 'YIMEN_TRUST_PROXY',
  rateLimitPerMinute: 'YIMEN_RATE_LIMIT',
  bodyLimit: 'YIMEN_BODY_LIMIT',
  jobsEnabled: 'YIMEN_JOBS',
  jobConcurrency: 'YIMEN_JOB_CONCURRENCY',
  pgPoolMax: 'YIMEN_PG_POOL_MAX',
  pgAllowUnsafe: 'YIMEN_PG_ALLOW_UNSAFE',
  shutdownGraceSeconds: 'YIMEN_SHUTDOWN_GRACE',
  publicUrl: 'YIMEN_PUBLIC_URL',
  pageCache: 'YIMEN_PAGE_CACHE',
  passwordMaxAgeDays: 'YIMEN_PASSWORD_MAX_AGE_DAYS',
  smppUrl: 'YIMEN_SMPP_URL',
  smppSource: 'YIMEN_SMPP_SOURCE',
  smppThroughput: 'YIMEN_SMPP_TPS',
  smtpUrl: 'YIMEN_SMTP_URL',
  smtpFrom: 'YIMEN_SMTP_FROM',
  smtpAllowSelfSigned: 'YIMEN_SMTP_ALLOW_SELF_SIGNED',
  quietHours: 'YIMEN_NOTIFY_QUIET_HOURS',
  perRecipientPerHour: 'YIMEN_NOTIFY_PER_RECIPIENT_HOUR',
  smsPerMinute: 'YIMEN_NOTIFY_SMS_PER_MINUTE',
  emailPerMinute: 'YIMEN_NOTIFY_EMAIL_PER_MINUTE',
};

function readConfigFile(env: Env, cwd: string): Env {
  const path = env.YIMEN_CONFIG ? resolve(cwd, env.YIMEN_CONFIG) : join(cwd, 'yimen.config.json');
  if (!existsSync(path)) {
    if (env.YIMEN_CONFIG)
      throw new ConfigError(`YIMEN_CONFIG points at ${path}, which does not exist`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold a JSON object`);
  }
  const out: Env = {};
  for (const [key, value] of Object.entries(parsed)) {
    const envName = FILE_KEYS[key];
    if (!envName) {
      throw new ConfigError(
        `config file ${path}: unknown key "${key}" (known: ${Object.keys(FILE_KEYS).join(', ')})`,
      );
    }
    out[envName] = String(value);
  }
  return out;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  const n = Number(raw);
  if (n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got ${n})`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function dialectOf(url: string | undefined): Dialect {
  if (url === undefined || url === '') return 'sqlite';
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL; use postgres://user:password@host:5432/dbname, or leave it unset for the embedded SQLite database',
    );
  }
  if (scheme === 'postgres:' || scheme === 'postgresql:') return 'postgres';
  throw new ConfigError(
    `DATABASE_URL uses the unsupported scheme "${scheme.replace(/:$/, '')}"; use postgres://… or leave it unset for the embedded SQLite database`,
  );
}

/** Make sure the data directory exists and is writable; fail with the reason otherwise. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, '.write-test');
    writeFileSync(probe, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(
      `YIMEN_DATA_DIR ${dir} is not a writable directory (${code}); create it, fix its permissions or point YIMEN_DATA_DIR elsewhere`,
    );
  }
}

/** The secret comes from YIMEN_SECRET, else from $dataDir/secret, created on first start. */
function loadSecret(env: Env, dataDir: string): string {
  const given = env.YIMEN_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32)
      throw new ConfigError('YIMEN_SECRET must be at least 32 characters long');
    return given;
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < 32)
      throw new ConfigError(`${file} holds a secret shorter than 32 characters`);
    return stored;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function gatewayUrl(
  env: Env,
  name: string,
  schemes: string[],
  example: string,
): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `${name} is not a valid URL; use ${example}, or leave it unset for the development sink`,
    );
  }
  if (!schemes.includes(url.protocol.replace(/:$/, '')) || !url.hostname) {
    throw new ConfigError(`${name} must look like ${example} (got scheme "${url.protocol}")`);
  }
  return raw;
}

function quietHours(env: Env): NotifyConfig['quietHours'] {
  const raw = (env.YIMEN_NOTIFY_QUIET_HOURS ?? '22:00-08:00').trim();
  if (raw === '' || raw === 'off') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m || raw.slice(0, 5) === raw.slice(6)) {
    throw new ConfigError(
      `YIMEN_NOTIFY_QUIET_HOURS must be HH:MM-HH:MM in Beijing time, e.g. 22:00-08:00, or off (got "${raw}")`,
    );
  }
  return { start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) };
}

function notifyConfig(env: Env): NotifyConfig {
  const smppUrl = gatewayUrl(
    env,
    'YIMEN_SMPP_URL',
    ['smpp', 'ssmpp'],
    'smpp://system_id:password@host:2775',
  );
  if (smppUrl && !new URL(smppUrl).username) {
    throw new ConfigError(
      'YIMEN_SMPP_URL must carry the system_id: smpp://system_id:password@host:2775',
    );
  }
  const smtpUrl = gatewayUrl(env, 'YIMEN_SMTP_URL', ['smtp', 'smtps'], 'smtp://user:pass@host:587');
  const smtpFrom = env.YIMEN_SMTP_FROM?.trim() ?? '';
  if (smtpUrl && !/@[^@\s>]+\.[^@\s>]+>?$/.test(smtpFrom)) {
    throw new ConfigError(
      'YIMEN_SMTP_FROM must be the sender address when YIMEN_SMTP_URL is set, e.g. "一门 <noreply@example.gov.cn>"',
    );
  }
  return {
    smppUrl,
    smppSource: env.YIMEN_SMPP_SOURCE?.trim() ?? '',
    smppThroughput: int(env, 'YIMEN_SMPP_TPS', 20, 1, 10_000),
    smtpUrl,
    smtpFrom,
    smtpAllowSelfSigned: bool(env, 'YIMEN_SMTP_ALLOW_SELF_SIGNED', false),
    quietHours: quietHours(env),
    perRecipientPerHour: int(env, 'YIMEN_NOTIFY_PER_RECIPIENT_HOUR', 10, 1, 100_000),
    smsPerMinute: int(env, 'YIMEN_NOTIFY_SMS_PER_MINUTE', 3000, 1, 1_000_000),
    emailPerMinute: int(env, 'YIMEN_NOTIFY_EMAIL_PER_MINUTE', 3000, 1, 1_000_000),
  };
}

function publicUrl(env: Env, host: string, port: number): string {
  const raw = env.YIMEN_PUBLIC_URL?.trim();
  if (!raw) return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(raw)) {
    throw new ConfigError(
      `YIMEN_PUBLIC_URL must be the site's address without a path, e.g. https://www.example.gov.cn (got "${raw}")`,
    );
  }
  return raw.replace(/\/$/, '');
}

/** Validate everything that can be checked without touching the database. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const merged: Env = { ...readConfigFile(env, cwd), ...env };
  const logLevel = (merged.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const host = merged.HOST?.trim() || '127.0.0.1';
  const databaseUrl = merged.DATABASE_URL?.trim() || undefined;
  const dialect = dialectOf(databaseUrl);
  const dataDir = resolve(cwd, merged.YIMEN_DATA_DIR?.trim() || './data');
  ensureWritableDir(dataDir);
  const port = int(merged, 'PORT', 3000, 0, 65535);
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    dialect,
    sqliteFile: join(dataDir, 'yimen.db'),
    secret: loadSecret(merged, dataDir),
    logLevel,
    trustProxy: bool(merged, 'YIMEN_TRUST_PROXY', false),
    // The ceiling is far above what one node can answer a minute: a load test
    // from one address (npm run bench) sets it to measure without the limit.
    rateLimitPerMinute: int(merged, 'YIMEN_RATE_LIMIT', 600, 1, 100_000_000),
    bodyLimit: int(merged, 'YIMEN_BODY_LIMIT', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    jobsEnabled: bool(merged, 'YIMEN_JOBS', true),
    jobConcurrency: int(merged, 'YIMEN_JOB_CONCURRENCY', 2, 1, 64),
    pgPoolMax: int(merged, 'YIMEN_PG_POOL_MAX', 10, 1, 500),
    pgAllowUnsafe: bool(merged, 'YIMEN_PG_ALLOW_UNSAFE', false),
    shutdownGraceSeconds: int(merged, 'YIMEN_SHUTDOWN_GRACE', 15, 0, 600),
    publicUrl: publicUrl(merged, host, port),
    publicUrlConfigured: Boolean(merged.YIMEN_PUBLIC_URL?.trim()),
    pageCache: bool(merged, 'YIMEN_PAGE_CACHE', true),
    passwordMaxAgeDays: int(merged, 'YIMEN_PASSWORD_MAX_AGE_DAYS', 0, 0, 3650),
    notify: notifyConfig(merged),
  };
}

/** A URL with its password replaced by ***, for logs. */
function maskUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** What may be logged about the configuration: never the secret, never a DB password. */
export function describeConfig(config: Config): Record<string, unknown> {
  const { secret: _secret, databaseUrl, ...rest } = config;
  let db = 'sqlite';
  if (databaseUrl) {
    const u = new URL(databaseUrl);
    u.password = u.password ? '***' : '';
    db = u.toString();
  }
  const notify = {
    ...config.notify,
    smppUrl: maskUrl(config.notify.smppUrl),
    smtpUrl: maskUrl(config.notify.smtpUrl),
  };
  return { ...rest, notify, database: db };
}
