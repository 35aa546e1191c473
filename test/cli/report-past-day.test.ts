import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { sampleReport } from '../followup/helpers.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempSqliteUrl } from '../helpers/store.js';

// `ai-trends report --now <a past day>` outside the sample: Reddit gives only today's posts, so such a
// day's report exists only if it was built that day. It used to build one from today's posts, every one
// outside that day's windows: an empty report, stored as that day's.

const today = () => new Date('2026-02-13T10:00:00Z');

async function storeWithLiveDay(): Promise<string> {
  const url = tempSqliteUrl();
  const store = await openStore(url, 'live');
  // The sample's posts, stored as the live report of 2026-02-11 (collected from the API that day).
  await store.reports.set('2026-02-11', { ...sampleReport(), source: { mode: 'api', numbersMissing: false } });
  await store.close();
  return url;
}

describe('ai-trends report --now on a past day', () => {
  it('serves the stored report of that day', async () => {
    const run = await runCliInProcess(['report', '--now', '2026-02-11T09:00:00Z'], { STORE_URL: await storeWithLiveDay() }, { clock: today });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
    expect(run.stderr).toMatch(/served the stored 2026-02-11 report/);
  });

  it('refuses a day with no stored report, naming the stored days, and stores nothing', async () => {
    const url = await storeWithLiveDay();
    const run = await runCliInProcess(['report', '--now', '2026-02-12T09:00:00Z'], { STORE_URL: url }, { clock: today });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "ai-trends report: no report is stored for 2026-02-12 (Reddit gives only today's posts, so a past day's report is built on that day or never; stored days: 2026-02-11). Leave out --now for today's report, or add --sample for the bundled sample day (2026-02-11)\n",
    );
    const store = await openStore(url, 'live');
    expect(await store.reports.get('2026-02-12')).toBeUndefined();
    await store.close();
  });

  it('refuses --refresh of a past day: it cannot be built again', async () => {
    const run = await runCliInProcess(['report', '--refresh', '--now', '2026-02-11T09:00:00Z'], { STORE_URL: await storeWithLiveDay() }, { clock: today });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the stored 2026-02-11 report cannot be built again .*leave out --refresh to see it/);
  });

  it('today at an earlier hour is still today: collected as usual (here the feeds refuse: the marked sample)', async () => {
    const run = await runCliInProcess(['report', '--now', '2026-02-13T07:00:00Z'], { STORE_URL: tempSqliteUrl() }, { clock: today });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: Reddit's public feeds could not be reached .*showing the bundled sample day of 2026-02-11/m);
  });
});
