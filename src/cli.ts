// The `yimen` command. Every sub-command loads and validates the configuration
// first; a ConfigError becomes one line on stderr and exit code 1.
import { Command } from 'commander';
import { backup, restore } from './cli/backup.ts';
import { runDoctor } from './cli/doctor.ts';
import { print, withContext } from './cli/tools.ts';
import { seedBulk } from './modules/content/demo/bulk.ts';
import { modules } from './modules/index.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { seedAll } from './platform/context.ts';
import { openDatabase } from './platform/database/index.ts';
import { migrateDown, migrateUp, migrationStatus } from './platform/database/migrator.ts';
import type { JobStatus } from './platform/jobs/queue.ts';
import { createLogger } from './platform/logging.ts';
import { startServer, stopOnSignals } from './server.ts';

async function serve(seedWhenEmpty: boolean): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await startServer(config, logger, { seedWhenEmpty });
  stopOnSignals(server, logger, config.shutdownGraceSeconds);
}

const program = new Command('yimen')
  .description('一门 Yimen: e-government portal, back office and intranet office')
  .showHelpAfterError();

program
  .command('start')
  .description('migrate, load demo data into an empty database, and serve (what npm start runs)')
  .action(() => serve(true));

program
  .command('serve')
  .description('migrate and serve, never seeding')
  .action(() => serve(false));

const migrate = program.command('migrate').description('database migrations');
migrate
  .command('status', { isDefault: true })
  .description('list migrations and whether each has run')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    try {
      for (const m of await migrationStatus(db, modules)) {
        print(
          `${m.executedAt ? '✓' : '·'} ${m.name}${m.executedAt ? `  ${m.executedAt.toISOString()}` : '  (pending)'}`,
        );
      }
    } finally {
      await db.close();
    }
  });
migrate
  .command('up')
  .description('apply every pending migration')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    try {
      const applied = await migrateUp(db, modules);
      for (const name of applied) print(`applied ${name}`);
      print(
        applied.length === 0 ? 'database is up to date' : `${applied.length} migration(s) applied`,
      );
    } finally {
      await db.close();
    }
  });
migrate
  .command('down')
  .description('undo the most recent migration')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    try {
      for (const name of await migrateDown(db, modules)) print(`reverted ${name}`);
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('load demo data (idempotent; never overwrites existing rows)')
  .option(
    '--bulk <n>',
    'instead add N synthetic published items for benchmarks (labelled 批量测试数据)',
  )
  .action((opts: { bulk?: string }) =>
    withContext((ctx) =>
      opts.bulk === undefined
        ? seedAll(ctx, print)
        : seedBulk(ctx, Number(opts.bulk), print).then(() => undefined),
    ),
  );

program
  .command('backup <file>')
  .description('write a consistent backup (SQLite online backup, or pg_dump)')
  .action((file: string) => backup(loadConfig(), file, print));

program
  .command('restore <file>')
  .description('replace the database with a backup (keeps a copy of the current SQLite file)')
  .option('--yes', 'confirm that the current data will be replaced')
  .action(async (file: string, opts: { yes?: boolean }) => {
    if (!opts.yes)
      throw new ConfigError('restore replaces all current data; run again with --yes to confirm');
    await restore(loadConfig(), file, print);
  });

program
  .command('doctor')
  .description('check configuration, database, disk and versions, and say what to fix')
  .action(async () => {
    if (!(await runDoctor(modules, print))) process.exitCode = 1;
  });

const jobs = program.command('jobs').description('the durable job queue');
jobs
  .command('list', { isDefault: true })
  .description('recent jobs; --status dead shows the dead-letter queue')
  .option('--status <status>', 'pending, running, succeeded or dead')
  .action((opts: { status?: JobStatus }) =>
    withContext(async (ctx) => {
      const counts = await ctx.jobs.countsByStatus();
      print(
        Object.entries(counts)
          .map(([s, n]) => `${s}: ${n}`)
          .join('  '),
      );
      for (const j of await ctx.jobs.list({ status: opts.status })) {
        print(
          `${j.id}  ${j.status.padEnd(9)} ${j.name}  attempts ${j.attempts}/${j.max_attempts}${j.last_error ? `  last error: ${j.last_error}` : ''}`,
        );
      }
    }),
  );
jobs
  .command('retry <id>')
  .description('put a dead job back in the queue')
  .action((id: string) =>
    withContext(async (ctx) => {
      if (!(await ctx.jobs.retry(id))) throw new ConfigError(`no dead job with id ${id}`);
      print(`job ${id} queued again`);
    }),
  );

const calendar = program
  .command('calendar')
  .description('the working-day calendar (holidays and 调休)');
calendar
  .command('list [year]', { isDefault: true })
  .description('holidays and adjusted working days of a year')
  .action((year: string | undefined) =>
    withContext(async (ctx) => {
      const y = Number(year ?? new Date().getFullYear());
      for (const d of ctx.calendar.exceptions(y))
        print(`${d.day}  ${d.isWorkingDay ? '上班' : '休息'}  ${d.name}`);
    }),
  );
calendar
  .command('set <day> <kind> <name>')
  .description('mark a day (YYYY-MM-DD) as "holiday" or "workday" with a name')
  .action((day: string, kind: string, name: string) =>
    withContext(async (ctx) => {
      if (kind !== 'holiday' && kind !== 'workday')
        throw new ConfigError('kind must be "holiday" or "workday"');
      await ctx.calendar.setDay(day, kind === 'workday', name);
      print(`${day} is now a ${kind === 'workday' ? 'working day' : 'holiday'} (${name})`);
    }),
  );

for (const mod of modules) mod.cli?.(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`yimen: ${err.message}\n`);
  } else {
    process.stderr.write(`yimen: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.YIMEN_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
  }
  process.exit(1);
}
