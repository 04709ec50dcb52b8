import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, describeConfig, loadConfig } from './config.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'yimen-config-'));

describe('configuration', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:3000 and creates a private secret once', () => {
    const cwd = tmp();
    const config = loadConfig({}, cwd);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dialect, 'sqlite');
    assert.equal(config.dataDir, join(cwd, 'data'));
    assert.equal(config.sqliteFile, join(cwd, 'data', 'yimen.db'));
    const secretFile = join(cwd, 'data', 'secret');
    assert.equal(statSync(secretFile).mode & 0o777, 0o600);
    assert.ok(config.secret.length >= 32);
    assert.equal(loadConfig({}, cwd).secret, config.secret, 'the stored secret is reused');
    assert.equal(readFileSync(secretFile, 'utf8').trim(), config.secret);
  });

  it('selects PostgreSQL from a postgres:// URL and never exposes its password', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://yimen:s3cr3t@db.internal:5432/yimen' },
      tmp(),
    );
    assert.equal(config.dialect, 'postgres');
    const shown = JSON.stringify(describeConfig(config));
    assert.ok(!shown.includes('s3cr3t'));
    assert.ok(!shown.includes(config.secret));
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      'an unknown database scheme',
      { DATABASE_URL: 'mysql://root@localhost/yimen' },
      /unsupported scheme "mysql".*postgres:\/\//,
    ],
    ['a DATABASE_URL that is not a URL', { DATABASE_URL: 'yimen.db' }, /not a valid URL/],
    [
      'a non-numeric PORT',
      { PORT: 'http' },
      /PORT must be a whole number from 0 to 65535 \(got "http"\)/,
    ],
    [
      'a PORT out of range',
      { PORT: '70000' },
      /PORT must be a whole number from 0 to 65535 \(got 70000\)/,
    ],
    [
      'a short YIMEN_SECRET',
      { YIMEN_SECRET: 'short' },
      /YIMEN_SECRET must be at least 32 characters/,
    ],
    ['an unknown LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [
      'a boolean that is not one',
      { YIMEN_TRUST_PROXY: 'maybe' },
      /YIMEN_TRUST_PROXY must be true or false/,
    ],
  ];
  for (const [what, env, message] of bad) {
    it(`rejects ${what} with one clear line`, () => {
      assert.throws(
        () => loadConfig(env, tmp()),
        (err: Error) =>
          err instanceof ConfigError && message.test(err.message) && !err.message.includes('\n'),
      );
    });
  }

  it('rejects a data directory that cannot be written', () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'a-file'), '');
    assert.throws(
      () => loadConfig({ YIMEN_DATA_DIR: join(cwd, 'a-file', 'data') }, cwd),
      /YIMEN_DATA_DIR .* is not a writable directory \(ENOTDIR\)/,
    );
  });

  it('reads a config file, lets the environment override it, and rejects unknown keys', () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'yimen.config.json'), JSON.stringify({ port: 8080, host: '0.0.0.0' }));
    const config = loadConfig({ PORT: '9090' }, cwd);
    assert.equal(config.port, 9090);
    assert.equal(config.host, '0.0.0.0');
    writeFileSync(join(cwd, 'yimen.config.json'), JSON.stringify({ prot: 8080 }));
    assert.throws(() => loadConfig({}, cwd), /unknown key "prot"/);
    writeFileSync(join(cwd, 'yimen.config.json'), '{ port: ');
    assert.throws(() => loadConfig({}, cwd), /is not valid JSON/);
    assert.throws(() => loadConfig({ YIMEN_CONFIG: 'missing.json' }, cwd), /does not exist/);
  });
});
