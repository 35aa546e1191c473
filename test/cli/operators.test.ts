import { describe, expect, it } from 'vitest';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/store.js';

// Mistakes an operator can make, each answered at once with one line naming what to fix.

describe('operator mistakes', () => {
  it('refuses credentials in a base URL (exit 2, naming the variable, not echoing the password)', async () => {
    const result = await runBin(['report', '--sample'], { REDDIT_API_BASE: 'http://user:hunter2@127.0.0.1:9/api', STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/REDDIT_API_BASE: must not contain a user name or password/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it.each([
    ['2099-01-01T00:00:00Z', /in the future/],
    ['1900-01-01T00:00:00Z', /before Reddit existed/],
    [new Date(Date.now() + 86_400_000).toISOString().slice(0, 19) + 'Z', /in the future/],
  ])('refuses --now %s (exit 2) and stores nothing', async (now, message) => {
    const result = await runBin(['report', '--now', now], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('checks --out before building anything: a directory is refused at once', async () => {
    const dir = tempDir();
    const result = await runBin(['report', '--sample', '--out', dir], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .* is a directory/);
  });

  it('a store path that cannot be created fails at once, naming STORE_URL and the directory', async () => {
    const started = Date.now();
    const result = await runBin(['report', '--sample'], { STORE_URL: 'sqlite:///proc/1/nope/x.sqlite' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/STORE_URL \(sqlite:\/\/\/proc\/1\/nope\/x\.sqlite\): cannot create the directory \/proc\/1\/nope/);
  });

  it('a store another process holds locked: the write that fails names STORE_URL and what to do', async () => {
    const url = tempStoreUrl();
    expect((await runBin(['report', '--sample'], { STORE_URL: url })).code).toBe(0);
    const { default: sqlite3 } = await import('sqlite3');
    const db = new sqlite3.Database(url.replace('sqlite://', ''));
    const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
    // Another writer in the middle of a transaction: SQLite lets one process write at a time.
    await run('BEGIN IMMEDIATE');
    await run(`UPDATE keyv SET value = value WHERE key LIKE '%report:2026-02-11'`);
    try {
      const result = await runBin(['report', '--sample', '--refresh'], { STORE_URL: url });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${url.replace(/^sqlite:\/\//, 'STORE_URL (sqlite://')})`);
      expect(result.stderr).toMatch(/SQLITE_BUSY/);
      expect(result.stderr).toMatch(/another process .* held the lock .*try again once that one has finished/);
    } finally {
      await run('ROLLBACK');
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }
  }, 30_000);

  it('a corrupted stored report says which record and that --refresh rebuilds it', async () => {
    const url = tempStoreUrl();
    expect((await runBin(['report', '--sample'], { STORE_URL: url })).code).toBe(0);
    const { default: sqlite3 } = await import('sqlite3');
    const db = new sqlite3.Database(url.replace('sqlite://', ''));
    await new Promise<void>((resolve, reject) => db.run(`UPDATE keyv SET value = '{"value":{"date":' WHERE key LIKE '%report:2026-02-11'`, (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => db.close(() => resolve()));
    const result = await runBin(['report', '--sample'], { STORE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/STORE_URL \(sqlite:\/\/.*\): the stored report of 2026-02-11 \(record "ai-trends-sample:report:2026-02-11"\) is corrupted \(.*\); `ai-trends report --sample --refresh` rebuilds it/);
    expect((await runBin(['report', '--sample', '--refresh'], { STORE_URL: url })).code).toBe(0);
  }, 30_000);
});
