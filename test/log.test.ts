import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { runBin, tempStoreUrl } from './helpers/run-cli.js';
import { tempDir } from './helpers/store.js';

// LOG_FORMAT: unset, readable lines (pino-pretty) for a person at a terminal and pino JSON everywhere else
// (machines read it); either on request; and JSON with one warning when the optional pino-pretty is not
// installed.

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

const hasScript = spawnSync('script', ['--version']).status === 0;

/** `ai-trends status` with its stdout and stderr on a pseudo-terminal; what the terminal showed, colours removed. */
async function onTerminal(env: Record<string, string>): Promise<string> {
  const bin = new URL('../src/bin-dev.js', import.meta.url).pathname;
  const child = spawn('script', ['-qec', `${process.execPath} ${bin} status`, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb', REDDIT_SOURCE: 'sample', LOG_LEVEL: 'info', ...env },
    cwd: tempDir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, '');
}

describe('LOG_FORMAT in the bin', () => {
  it('pretty: the CLI logs on stderr as readable lines (here: REDDIT_SOURCE=sample, the test helper default), stdout untouched', async () => {
    const run = await runBin(['status', '--format', 'json'], { STORE_URL: tempStoreUrl(), LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toBeTypeOf('object');
    expect(run.stderr).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: REDDIT_SOURCE=sample: serving the bundled sample day$/m);
    expect(run.stderr).not.toMatch(/"level":/);
  });

  it('json when stderr is not a terminal (a pipe, a file, a container log, a journal): the default there', async () => {
    const run = await runBin(['status', '--format', 'json'], { STORE_URL: tempStoreUrl(), LOG_LEVEL: 'info' });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\{"level":30,.*"msg":"REDDIT_SOURCE=sample: serving the bundled sample day"\}$/m);
  });

  // A real terminal: the bin under util-linux's `script`, which gives it a pseudo-terminal.
  describe.skipIf(!hasScript)('on a terminal', () => {
    it('readable lines by default; LOG_FORMAT=json still gives JSON', async () => {
      const pretty = await onTerminal({ STORE_URL: tempStoreUrl() });
      expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*: REDDIT_SOURCE=sample: serving the bundled sample day\r?$/m);
      expect(pretty).not.toMatch(/"level":/);
      const json = await onTerminal({ STORE_URL: tempStoreUrl(), LOG_FORMAT: 'json' });
      expect(json).toMatch(/^\{"level":30,.*"msg":"REDDIT_SOURCE=sample: serving the bundled sample day"\}\r?$/m);
    }, 60_000);
  });

  it('refuses another value, naming the variable (exit 2)', async () => {
    const run = await runBin(['report', '--sample'], { STORE_URL: tempStoreUrl(), LOG_FORMAT: 'xml' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LOG_FORMAT/);
  });
});
