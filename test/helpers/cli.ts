// Running the real `yimen` command in a child process, as an operator would.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const YIMEN_BIN = join(import.meta.dirname, '..', '..', 'bin', 'yimen.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: the parent's, minus anything that would point it elsewhere. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'YIMEN_DATA_DIR',
    'PORT',
    'HOST',
    'YIMEN_SECRET',
    'YIMEN_CONFIG',
  ])
    delete base[k];
  return { ...base, LOG_LEVEL: 'info', ...env };
}

export function runCli(args: string[], env: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, [YIMEN_BIN, ...args], {
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stdout(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Start `yimen <command>` and resolve once it prints the URL it listens on. */
export function startCliServer(
  command: 'start' | 'serve',
  env: Record<string, string>,
  cwd?: string,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [YIMEN_BIN, command], {
    env: childEnv({ PORT: '0', ...env }),
    cwd,
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        // A child left running would keep the test file (and the run) alive.
        child.kill('SIGKILL');
        reject(new Error(`server did not start:\n${err}\n${out}`));
      },
      // A first start migrates and seeds every module's demo data; on a busy
      // machine PostgreSQL seeding alone can take half a minute.
      90_000,
    );
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /ready at (http:\/\/[^/\s]+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          stderr: () => err,
          stdout: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}\n${out}`));
    });
  });
}
