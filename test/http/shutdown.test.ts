// Graceful shutdown over real sockets: a request in flight when stop() is
// called still gets its answer, stop() then resolves, and the port is closed.
// And the real command: `yimen serve` exits 0 on SIGTERM after logging
// "shutdown complete".
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { modules as allModules } from '../../src/modules/index.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { dialects, testConfig } from '../helpers/databases.ts';
import { captureLogs, deferred, slowGate, testModule } from '../helpers/http.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Resolves with the first match of `pattern` in the stream's text; rejects if the child exits first. */
function waitForOutput(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp) {
  const found = deferred<RegExpExecArray>();
  let text = '';
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const m = pattern.exec(text);
    if (m) {
      child[stream]?.off('data', onData);
      found.resolve(m);
    }
  };
  child[stream]?.on('data', onData);
  return Promise.race([
    found.promise,
    once(child, 'exit').then(([code]) => {
      // After a match this settles a race already decided; only fail before one.
      if (!pattern.exec(text)) {
        throw new Error(`child exited (${code}) before printing ${pattern}: ${text}`);
      }
      return pattern.exec(text)!;
    }),
  ]);
}

/**
 * A new request, on a new connection, fails to connect. (Not through fetch's
 * pool: it may hold a keep-alive socket the server closed at shutdown, and
 * reusing that fails with "other side closed" instead.)
 */
async function refusesConnections(url: string): Promise<void> {
  const failure = deferred<string | undefined>();
  const req = get(`${url}/healthz`, { agent: false }, (res) => {
    res.resume();
    failure.resolve(`answered ${res.statusCode}`);
  });
  req.on('error', (err: NodeJS.ErrnoException) => failure.resolve(err.code));
  assert.equal(await failure.promise, 'ECONNREFUSED');
}

for (const dialect of dialects) {
  describe(`graceful shutdown [${dialect}]`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('finishes the in-flight request, then stops listening', { timeout: 30_000 }, async () => {
      const { config, cleanup } = await testConfig(dialect, { PORT: '0' });
      cleanups.push(cleanup);
      const logs = captureLogs();
      const gate = slowGate();
      const server: RunningServer = await startServer(config, logs.logger, {
        modules: [...allModules, testModule(gate)],
        announce: () => {},
      });
      cleanups.push(() => server.stop('test cleanup'));
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      await health.text();

      const inFlight = fetch(`${server.url}/test/slow`);
      await gate.arrived.promise;
      const stopped = server.stop('test');
      await gate.closing.promise;
      gate.release.resolve();
      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { done: true });
      // If the answer left its keep-alive connection open, stop() would wait
      // for Fastify's 72 s keepAliveTimeout: this test's timeout catches that.
      await stopped;
      assert.equal(server.stop(), stopped, 'a second stop() is the same shutdown');

      await refusesConnections(server.url);
      const messages = logs.entries().map((e) => e.msg);
      assert.ok(messages.includes('shutdown complete'), messages.join(' | '));
      assert.ok(
        messages.indexOf('shutting down: no new requests, finishing in-flight work') <
          messages.indexOf('shutdown complete'),
      );
    });

    it('`yimen serve` exits 0 on SIGTERM and logs "shutdown complete"', {
      timeout: 60_000,
    }, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'yimen-serve-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string | undefined> = {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        YIMEN_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: undefined,
        YIMEN_CONFIG: undefined,
      };
      if (dialect === 'postgres') {
        // A fresh database of its own, created and dropped by the helper.
        const { config, cleanup } = await testConfig(dialect);
        cleanups.push(cleanup);
        env.DATABASE_URL = config.databaseUrl;
      }
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'yimen.js'), 'serve'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // 'close', not 'exit': it also waits for stdout to be drained.
      const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
      cleanups.push(async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });

      const [, url] = await waitForOutput(child, 'stderr', /Yimen is ready at (http:\/\/\S+?)\/? /);
      assert.ok(url);
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      await health.text();

      child.kill('SIGTERM');
      const [code, signal] = await exited;
      assert.equal(signal, null, 'exited by itself, not killed by the signal');
      assert.equal(code, 0, stdout);

      const entries = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg?: string; reason?: string });
      assert.ok(
        entries.some((e) => e.msg === 'shutdown complete'),
        `no "shutdown complete" line in:\n${stdout}`,
      );
      assert.ok(entries.some((e) => e.reason === 'SIGTERM'));
      await refusesConnections(url);
    });
  });
}
