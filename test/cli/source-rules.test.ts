import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempSqliteUrl } from '../helpers/store.js';

// One rule for where every command's posts come from (README "Reddit"): the ladder REDDIT_SOURCE asks for,
// or the bundled sample with --sample or REDDIT_SOURCE=sample. `report` used to stop without API keys while
// `start`, `ask`, `status` and `deliver` showed the sample.

const everyCommand: string[][] = [['start'], ['report'], ['ask', 'what is new?'], ['status'], ['deliver', '--dry-run'], ['deploy-discord']];
const readingCommands: string[][] = [['start'], ['report'], ['ask', 'what about Seedance?'], ['status'], ['deliver', '--dry-run']];

describe('REDDIT_SOURCE=api without API keys', () => {
  it.each(everyCommand)('%s stops with the same line naming the keys and the keyless choices (exit 2)', async (...argv) => {
    const run = await runCliInProcess(argv, { REDDIT_SOURCE: 'api', STORE_URL: tempSqliteUrl() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^ai-trends [a-z-]+: REDDIT_CLIENT_ID: is required with REDDIT_SOURCE=api \(with REDDIT_CLIENT_SECRET\); without API keys leave REDDIT_SOURCE unset \(Reddit's public feeds\) or set it to sample\n$/);
  });
});

describe('the bundled sample, for every command that reads a report', () => {
  it.each(readingCommands)('%s with REDDIT_SOURCE=sample says so once on stderr', async (...argv) => {
    const run = await runCliInProcess(argv, { REDDIT_SOURCE: 'sample', STORE_URL: tempSqliteUrl() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/REDDIT_SOURCE=sample: using the bundled sample of 2026-02-11/g)).toHaveLength(1);
  });

  it.each(readingCommands)('%s takes --sample, whatever REDDIT_SOURCE says', async (...argv) => {
    const run = await runCliInProcess([...argv, '--sample'], { REDDIT_SOURCE: 'feeds', STORE_URL: tempSqliteUrl() });
    expect(run.code, run.stderr).toBe(0);
    // The public feeds were never asked: nothing says they failed.
    expect(run.stderr).not.toMatch(/feeds/);
  });
});
