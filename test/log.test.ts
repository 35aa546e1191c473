import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { runBin, tempStoreUrl } from './helpers/run-cli.js';

// LOG_FORMAT: pino JSON by default (machines read it), pino-pretty on request (people read it), and JSON
// with one warning when the optional pino-pretty is not installed.

function collector(): { stream: Writable; lines: () => string[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

const notInstalled = () => {
  throw Object.assign(new Error("Cannot find module 'pino-pretty'"), { code: 'MODULE_NOT_FOUND' });
};

describe('createLogger', () => {
  it('writes one JSON object a line by default, secrets redacted', () => {
    const out = collector();
    createLogger('info', { destination: out.stream }).info({ discord: { token: 'secret-token' }, channel: 'C1' }, 'posted');
    const [line, ...rest] = out.lines();
    expect(rest).toEqual([]);
    expect(JSON.parse(line!)).toMatchObject({ level: 30, app: 'ai-trends', msg: 'posted', channel: 'C1', discord: { token: '[redacted]' } });
  });

  it('writes readable lines with LOG_FORMAT=pretty, still redacted and still filtered by level', () => {
    const out = collector();
    const log = createLogger('info', { format: 'pretty', destination: out.stream });
    log.debug('not shown');
    log.warn({ slack: { token: 'xoxb-secret' }, channel: 'C1' }, 'post failed');
    const text = out.lines().join('\n');
    expect(() => JSON.parse(out.lines()[0]!)).toThrow();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: post failed$/m);
    expect(text).toMatch(/channel: "C1"/);
    expect(text).toMatch(/\[redacted\]/);
    expect(text).not.toMatch(/xoxb-secret|not shown|\u001b\[/);
  });

  it('falls back to JSON without pino-pretty, and says so once per process', () => {
    const first = collector();
    createLogger('info', { format: 'pretty', destination: first.stream, loadPretty: notInstalled }).info('hello');
    const lines = first.lines().map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => l.level)).toEqual([40, 30]);
    expect(lines[0]!.msg).toMatch(/LOG_FORMAT=pretty needs the optional package pino-pretty.*logging JSON/);
    expect(lines[1]!.msg).toBe('hello');

    const second = collector();
    createLogger('info', { format: 'pretty', destination: second.stream, loadPretty: notInstalled }).info('again');
    expect(second.lines().map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['again']);
  });

  it('does not hide a pino-pretty that is installed but broken', () => {
    const broken = () => {
      throw new SyntaxError('Unexpected token');
    };
    expect(() => createLogger('info', { format: 'pretty', destination: collector().stream, loadPretty: broken })).toThrow(SyntaxError);
  });
});

describe('LOG_FORMAT in the bin', () => {
  it('pretty: the CLI logs on stderr as readable lines (here: REDDIT_SOURCE=sample, the test helper default), stdout untouched', async () => {
    const run = await runBin(['status', '--format', 'json'], { STORE_URL: tempStoreUrl(), LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toBeTypeOf('object');
    expect(run.stderr).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: REDDIT_SOURCE=sample: serving the bundled sample day$/m);
    expect(run.stderr).not.toMatch(/"level":/);
  });

  it('json is the default', async () => {
    const run = await runBin(['status', '--format', 'json'], { STORE_URL: tempStoreUrl(), LOG_LEVEL: 'info' });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\{"level":30,.*"msg":"REDDIT_SOURCE=sample: serving the bundled sample day"\}$/m);
  });

  it('refuses another value, naming the variable (exit 2)', async () => {
    const run = await runBin(['report', '--sample'], { STORE_URL: tempStoreUrl(), LOG_FORMAT: 'xml' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LOG_FORMAT/);
  });
});
