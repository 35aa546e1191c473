import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempSqliteUrl } from '../helpers/store.js';

// `ai-trends status` says which report readers get: right after a run that showed the sample (no network,
// no keys) it said "Last report built: none", true and no help.

describe('ai-trends status: the report in use', () => {
  it('after a start that fell back to the sample: the stand-in, why, and when Reddit is asked again', async () => {
    const env = { STORE_URL: tempSqliteUrl() };
    // REDDIT_SOURCE unset (auto, no keys): the public feeds, which refuse at once here.
    const start = await runCliInProcess(['start'], env);
    expect(start.code).toBe(0);
    const status = await runCliInProcess(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Today's report: the bundled sample day of 2026-02-11, marked, because today's posts could not be collected \(Reddit's public feeds could not be reached .*\); Reddit is asked again after \d\d:\d\d UTC \(or now: ai-trends report --refresh\)$/m);
    const json = JSON.parse((await runCliInProcess(['status', '--format', 'json'], env)).stdout) as { reportInUse: { kind: string; mode: string; date: string } };
    expect(json.reportInUse).toMatchObject({ kind: 'stand-in', mode: 'sample', date: '2026-02-11' });
  });

  it('on the sample (REDDIT_SOURCE=sample): the sample day and its report, once built', async () => {
    const env = { STORE_URL: tempSqliteUrl(), REDDIT_SOURCE: 'sample' };
    expect((await runCliInProcess(['status'], env)).stdout).toMatch(/^Report: the bundled sample day of 2026-02-11 \(--sample or REDDIT_SOURCE=sample\), not built yet: ai-trends report --sample builds it$/m);
    expect((await runCliInProcess(['report'], env)).code).toBe(0);
    const status = await runCliInProcess(['status'], env);
    expect(status.stdout).toMatch(/^Last report built: 2026-02-11 at 2026-02-11T08:00:00.000Z \(analysis: offline\)$/m);
    expect(status.stdout).toMatch(/^Report: the bundled sample day of 2026-02-11 \(--sample or REDDIT_SOURCE=sample\)$/m);
  });

  it('a future --now is refused for what status does, not for building', async () => {
    const run = await runCliInProcess(['status', '--now', '2099-01-01T00:00:00Z'], { STORE_URL: tempSqliteUrl() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ai-trends status: --now 2099-01-01T00:00:00Z is in the future: status shows what is due and done up to a moment that has come; leave --now out for the current time\n');
    expect(run.stderr).not.toMatch(/built/);
  });
});
