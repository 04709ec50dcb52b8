// Shared pieces of the cross-surface HTTP tests: a test-only module with the
// routes the platform has no production equivalent for yet (a CSRF-protected
// form that writes a row, a strict TypeBox schema, routes that throw, a slow
// route), an app built on a fresh database, and small assertion helpers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, LightMyRequestResponse as InjectResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { h } from 'preact';
import { modules as allModules } from '../../src/modules/index.ts';
import type { Dialect } from '../../src/platform/config.ts';
import { DomainError, type ErrorCode } from '../../src/platform/errors.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createLogger, type Logger } from '../../src/platform/logging.ts';
import type { Metrics } from '../../src/platform/metrics.ts';
import type { AppContext, YimenModule } from '../../src/platform/module.ts';
import { Layout } from '../../src/web/layout.tsx';
import { sendPage } from '../../src/web/view.ts';
import { openTestContext, type TestContext } from './databases.ts';

/** A promise with its resolve function outside, to synchronise on events. */
export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * The slow route resolves `arrived` when a request reaches it, then waits for
 * `release`. `closing` resolves when the app starts closing (a preClose hook
 * registered after the platform's own, so those have run).
 */
export interface SlowGate {
  arrived: Deferred;
  release: Deferred;
  closing: Deferred;
}

export function slowGate(): SlowGate {
  return { arrived: deferred(), release: deferred(), closing: deferred() };
}

interface NoteTable {
  httptest_note: { id: string; body: string };
}

export const THROWN_SECRET = 'kaboom-internal-detail-password=hunter2';

export const strictBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 10 }),
    note: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

function notes(ctx: AppContext): Kysely<NoteTable> {
  return ctx.db.kysely as unknown as Kysely<NoteTable>;
}

async function insertNote(ctx: AppContext, body: unknown): Promise<string> {
  const text = (body as { body?: unknown } | undefined)?.body;
  const id = randomUUID();
  await notes(ctx)
    .insertInto('httptest_note')
    .values({ id, body: typeof text === 'string' ? text : '' })
    .execute();
  return id;
}

export async function noteCount(ctx: AppContext): Promise<number> {
  const row = await notes(ctx)
    .selectFrom('httptest_note')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A module that exists only in tests; `slow` controls GET /test/slow. */
export function testModule(slow?: SlowGate): YimenModule {
  return {
    name: 'httptest',
    migrations: {
      '209912310000_httptest_notes': {
        async up(db) {
          await db.schema
            .createTable('httptest_note')
            .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
            .addColumn('body', 'text', (c) => c.notNull())
            .execute();
        },
        async down(db) {
          await db.schema.dropTable('httptest_note').execute();
        },
      },
    },
    routes(app: FastifyInstance, ctx: AppContext) {
      app.get('/test/form', (request, reply) =>
        sendPage(request, reply, (view) =>
          h(Layout, {
            view,
            title: '测试表单',
            children: h(
              'form',
              { method: 'post', action: '/test/form' },
              h('input', { type: 'hidden', name: '_csrf', value: view.csrfToken() }),
              h('input', { name: 'body' }),
              h('button', { type: 'submit' }, '提交'),
            ),
          }),
        ),
      );
      app.post('/test/form', async (request, reply) => {
        await insertNote(ctx, request.body);
        return reply.redirect('/test/form', 303);
      });
      app.post('/api/test/notes', async (request, reply) => {
        const id = await insertNote(ctx, request.body);
        return reply.code(201).send({ id });
      });
      app.post('/test/strict', { schema: { body: strictBody } }, async (request) => ({
        received: request.body,
      }));
      app.get('/test/error/:code', async (request) => {
        const code = (request.params as { code: string }).code as ErrorCode;
        throw new DomainError(code, `测试错误：${code}`, { 字段: '字段说明' });
      });
      app.get('/test/boom', async () => {
        throw new Error(THROWN_SECRET);
      });
      if (slow) {
        app.addHook('preClose', async () => {
          slow.closing.resolve();
        });
      }
      app.get('/test/slow', async () => {
        if (!slow) throw new Error('no slow gate configured');
        slow.arrived.resolve();
        await slow.release.promise;
        return { done: true };
      });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  metrics: Metrics;
  t: TestContext;
  close(): Promise<void>;
}

export async function openTestApp(
  dialect: Dialect,
  options: { env?: Record<string, string>; logger?: Logger; slow?: SlowGate } = {},
): Promise<TestApp> {
  const t = await openTestContext(dialect, {
    modules: [...allModules, testModule(options.slow)],
    env: options.env,
    logger: options.logger,
  });
  return { ...(await serve(t)), ctx: t.ctx, t };
}

/** The app over a test context; close() closes both (the context alone if building fails). */
export async function serve(
  t: TestContext,
): Promise<{ app: FastifyInstance; metrics: Metrics; close(): Promise<void> }> {
  try {
    const { app, metrics } = await buildApp(t.ctx);
    return {
      app,
      metrics,
      async close() {
        await app.close();
        await t.close();
      },
    };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** GET the test form and return the CSRF cookie (as a Cookie header) and its token. */
export async function csrfPair(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({ method: 'GET', url: '/test/form' });
  assert.equal(res.statusCode, 200);
  const set = res.cookies.find((c) => c.name === 'yimen-csrf');
  assert.ok(set, 'the form page sets the CSRF cookie');
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  assert.ok(token, 'the form carries the CSRF token in a hidden _csrf field');
  return { cookie: `yimen-csrf=${set.value}`, token };
}

/** Collects every line the logger writes; `entries()` parses them. */
export function captureLogs(level: 'info' | 'debug' = 'info') {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ logLevel: level }, stream);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean),
    entries: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The headers every response must carry, whatever its status or content type. */
export function assertSecurityHeaders(res: InjectResponse, label: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.ok(csp, `${label}: has a Content-Security-Policy`);
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
  assert.deepEqual(directives.get('object-src'), ["'none'"], `${label}: object-src 'none'`);
  assert.deepEqual(directives.get('base-uri'), ["'none'"], `${label}: base-uri 'none'`);
  assert.deepEqual(
    directives.get('frame-ancestors'),
    ["'none'"],
    `${label}: frame-ancestors 'none'`,
  );
  const scriptSrc = directives.get('script-src');
  assert.ok(scriptSrc, `${label}: script-src is set`);
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), `${label}: no 'unsafe-inline' scripts`);
  assert.ok(!scriptSrc.includes("'unsafe-eval'"), `${label}: no 'unsafe-eval' scripts`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
  assert.ok(res.headers['referrer-policy'], `${label}: has a Referrer-Policy`);
  assert.equal(res.headers['x-frame-options'], 'DENY', `${label}: X-Frame-Options DENY`);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
