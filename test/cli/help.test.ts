import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';

// What a new user types first: --help (on every command), -v, and commands or options with a typo.

const commands = ['start', 'report', 'ask', 'status', 'serve', 'site', 'deliver', 'deploy-discord'];
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('ai-trends --help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j lists every command with what it does, and exits 0', async (argv) => {
    const run = await runCliInProcess(argv);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const name of commands) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S.{20,}$`, 'm'));
    expect(run.stdout).toMatch(/^  -v, --version +the version$/m);
  });

  it.each(commands)('%s --help shows its usage and one line for each option, exit 0, before reading any setting', async (name) => {
    // A broken setting would stop the command itself: help is answered before configuration is read.
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const run = await runCliInProcess(argv, { STORE_URL: 'mysql://nowhere' });
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: ai-trends ${name}\\b`));
      const options = [...run.stdout.matchAll(/^  (--[a-z-]+)( [^ ]+)? +(.+)$/gm)];
      expect(options.map((o) => o[1])).toContain('--help');
      for (const option of options) expect(option[3]!.length, `${name} ${option[1]}`).toBeGreaterThan(10);
      // Every option the usage line names is explained.
      const usage = run.stdout.split('\n')[0]!;
      for (const named of usage.matchAll(/\[(--[a-z-]+)/g)) expect(options.map((o) => o[1])).toContain(named[1]);
    }
  });
});

describe('ai-trends -v', () => {
  it.each([['-v'], ['--version'], ['version']])('%s prints the version from package.json', async (flag) => {
    const run = await runCliInProcess([flag]);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('typos get a suggestion, in one line, exit 2', () => {
  it.each([
    [['reprot'], /^ai-trends: unknown command "reprot"\. Did you mean "report"\? Commands: start, report, ask, status, serve, site, deliver, deploy-discord \(ai-trends --help\)$/],
    [['stauts'], /Did you mean "status"( or "start")?\?/],
    [['help', 'delivr'], /unknown command "delivr"\. Did you mean "deliver"\?/],
    [['report', '--fromat', 'json'], /^ai-trends report: unknown option '--fromat'\. Did you mean "--format"\? Usage: ai-trends report .*\(ai-trends report --help\)$/],
    [['deliver', '--dryrun'], /unknown option '--dryrun'\. Did you mean "--dry-run"\?/],
    [['status', '--colour'], /^ai-trends status: unknown option '--colour'\. Usage: ai-trends status/],
  ])('%j', async (argv, message) => {
    const run = await runCliInProcess(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
  });
});
