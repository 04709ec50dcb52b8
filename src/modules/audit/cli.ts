// `yimen audit verify | list | export`: what an audit administrator runs on
// the server. Output escapes control characters, so a crafted actor name
// cannot print a forged line on the operator's terminal.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { print, withContext } from '../../cli/tools.ts';
import { ConfigError } from '../../platform/config.ts';
import { auditKey } from './chain.ts';
import { exportAuditCsv, queryAudit } from './query.ts';
import { recordAudit } from './record.ts';
import type { AuditLogRow } from './tables.ts';
import { verifyAuditChain } from './verify.ts';

// C0 and C1 controls (line breaks included), line/paragraph separators and
// bidi overrides: anything that could start a fake line or disguise text.
function unprintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Show control, line-separator and bidi characters as \uXXXX escapes. */
export function printable(value: string | null): string {
  if (value === null) return '-';
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out += unprintable(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

export function formatAuditLine(row: AuditLogRow): string {
  const target = row.target_type
    ? `${printable(row.target_type)}:${printable(row.target_id)}`
    : '-';
  return [
    `#${row.seq}`,
    row.at,
    row.outcome.padEnd(7),
    printable(row.action),
    `${printable(row.actor_name)}@${printable(row.actor_ip)}`,
    target,
  ].join('  ');
}

function operatorName(): string {
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new ConfigError(`${name} must be a whole number from 1 to 1000`);
  }
  return n;
}

export function auditCli(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('check the hash chain of the whole audit log (exit 1 if broken)')
    .action(() =>
      withContext(async (ctx, config) => {
        // The key comes from the secret, which is not in the database: a log
        // rewritten by someone holding only the database does not verify.
        const result = await verifyAuditChain(ctx.db, auditKey(config.secret));
        if (result.ok) {
          print(`audit chain intact: ${result.count} entries`);
        } else {
          print(`audit chain broken at entry #${result.firstBrokenSeq}: ${result.reason}`);
          process.exitCode = 1;
        }
      }),
    );

  audit
    .command('list', { isDefault: true })
    .description('the most recent audit entries, newest first')
    .option('--limit <n>', 'how many entries (1–1000)', '20')
    .option('--action <action>', "only this action, e.g. 'auth.login_failed'")
    .action((opts: { limit: string; action?: string }) =>
      withContext(async (ctx) => {
        const limit = positiveInt(opts.limit, '--limit');
        const page = await queryAudit(ctx.db, { limit, action: opts.action });
        for (const row of page.entries) print(formatAuditLine(row));
        print(`${page.entries.length} of ${page.total} matching entries`);
      }),
    );

  audit
    .command('export <file>')
    .description('write matching entries to a new CSV file (UTF-8 with BOM, for Excel)')
    .option('--from <time>', 'earliest time, ISO-8601 UTC, inclusive')
    .option('--to <time>', 'latest time, ISO-8601 UTC, exclusive')
    .option('--action <action>', 'only this action')
    .action((file: string, opts: { from?: string; to?: string; action?: string }) =>
      withContext(async (ctx, config) => {
        const csv = await exportAuditCsv(ctx.db, opts);
        // 'wx': never overwrite a file; 0600: the log names people and places.
        try {
          writeFileSync(file, csv, { flag: 'wx', mode: 0o600 });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new ConfigError(
            code === 'EEXIST' ? `${file} already exists` : `cannot write ${file} (${code})`,
          );
        }
        // Exporting the log is itself an audited act.
        await recordAudit(ctx.db, auditKey(config.secret), {
          actorName: operatorName(),
          actorIp: 'local',
          action: 'export',
          targetType: 'audit_log',
          outcome: 'success',
          detail: { filters: opts, via: 'cli' },
        });
        print(`audit log exported to ${file}`);
      }),
    );
}
