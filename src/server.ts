// Starting and stopping one Yimen node: open the database, migrate, build the
// app, start the job worker and scheduler, listen; on SIGTERM/SIGINT stop
// accepting, let in-flight requests and jobs finish, close the database.
import type { FastifyInstance } from 'fastify';
import { modules as allModules } from './modules/index.ts';
import { type Config, ConfigError, describeConfig } from './platform/config.ts';
import { openContext, seedAll } from './platform/context.ts';
import { buildApp } from './platform/http/app.ts';
import { fireDueSchedules, syncSchedules } from './platform/jobs/scheduler.ts';
import { startWorker, type Worker } from './platform/jobs/worker.ts';
import type { Logger } from './platform/logging.ts';
import type { AppContext, YimenModule } from './platform/module.ts';

export interface ServerOptions {
  /** Seed demo data when the database is empty (npm start on a fresh data dir). */
  seedWhenEmpty?: boolean;
  modules?: readonly YimenModule[];
  /** Where human-readable start-up lines go (stderr by default; logs stay JSON on stdout). */
  announce?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  worker: Worker | undefined;
  stop(reason?: string): Promise<void>;
}

async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.kysely
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
  const modules = options.modules ?? allModules;
  logger.info({ config: describeConfig(config) }, 'starting Yimen');
  const ctx = await openContext(config, logger, modules, { migrate: true });
  const firstStart = options.seedWhenEmpty === true && (await isEmpty(ctx));
  if (firstStart) await seedAll(ctx, (line) => logger.info(line));

  const { app } = await buildApp(ctx);
  let worker: Worker | undefined;
  if (config.jobsEnabled) {
    await syncSchedules(
      ctx.db,
      modules.flatMap((m) => m.schedules ?? []),
      ctx.jobs.now(),
    );
    worker = startWorker({
      app: ctx,
      concurrency: config.jobConcurrency,
      logger: logger.child({ component: 'jobs' }),
      onTick: async () => {
        await fireDueSchedules(ctx.db, ctx.jobs);
      },
    });
  }
  const calendarRefresh = setInterval(() => {
    ctx.calendar.reload().catch((err) => logger.warn({ err }, 'calendar reload failed'));
  }, 5 * 60_000);
  calendarRefresh.unref();

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await worker?.stop();
    await stopModules(ctx, logger);
    await ctx.db.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use; stop the other program or set PORT`
        : `cannot listen on ${config.host}:${config.port} (${code ?? (err as Error).message}); check HOST and PORT`,
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const where = config.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${config.sqliteFile}`;
  logger.info({ url, database: config.dialect }, 'Yimen is listening');
  if (firstStart) {
    announce('First start: demo organisations were loaded.');
    announce('Create the first administrator with:  npx yimen user create --admin <name>');
  }
  // Last, so that whoever waits for this line has seen everything before it.
  announce(`一门 Yimen is ready at ${url}/ (database: ${where})`);

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop') =>
    (stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: no new requests, finishing in-flight work');
      clearInterval(calendarRefresh);
      await app.close();
      await worker?.stop();
      await stopModules(ctx, logger);
      await ctx.db.close();
      logger.info('shutdown complete');
    })());

  return { app, ctx, url, worker, stop };
}

/** Let each module close what it opened; one failing does not keep the others open. */
async function stopModules(ctx: AppContext, logger: Logger): Promise<void> {
  for (const mod of ctx.modules) {
    try {
      await mod.stop?.(ctx);
    } catch (err) {
      logger.warn({ err, module: mod.name }, 'module did not stop cleanly');
    }
  }
}

/** SIGTERM/SIGINT → graceful stop; a second signal or the grace period forces exit. */
export function stopOnSignals(server: RunningServer, logger: Logger, graceSeconds: number): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    const timer = setTimeout(() => {
      logger.error({ graceSeconds }, 'shutdown took too long: exiting');
      process.exit(1);
    }, graceSeconds * 1000);
    timer.unref();
    server.stop(signal).then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
