import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../commands/index.js';
import { buildingReply, todaysReport } from '../../commands/report-wait.js';
import { DailyReports } from '../../src/report/daily.js';
import type { PostSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Reply } from '../../src/reply/reply.js';
import { slowFeeds } from '../helpers/slow-feeds.js';
import { openHarness, type Harness } from './helpers.js';

// `/trends` while today's report is being collected: the asker hears at once that it is being built (from
// where, how far, about how long), then gets the report when it is ready. A real SQLite store.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const textOf = (reply: Reply) => reply.blocks.map((block) => (block.type === 'note' ? block.text : '')).join('');

describe('/trends during a build', () => {
  it('says the report is being collected from the public feeds, with the requests and time left, then answers with the report', async () => {
    const feeds = slowFeeds();
    const reports = new DailyReports(h.store, feeds.source);
    const interims: Reply[] = [];
    const answer = runCommandLine('/trends', h.context({ services: { reports, store: h.store }, interim: async (reply) => void interims.push(reply) }));
    await feeds.started;
    await expect.poll(() => interims.length, { timeout: 5_000 }).toBe(1);
    expect(textOf(interims[0]!)).toMatch(/^Today's report is being collected from Reddit's public feeds \(3\/7 requests, waiting (59|60) s: Reddit's rate limit, about 1 min left\); it will be posted here when ready\.$/);
    feeds.release();
    const reply = await answer;
    expect(reply.openThread?.reportDate).toBe('2026-02-11');
    expect(interims).toHaveLength(1);
  });

  it('says nothing extra when the report is stored (or is built quickly)', async () => {
    await h.reports.get({ now: loadSample().now });
    const interims: Reply[] = [];
    const reply = await runCommandLine('/trends', h.context({ interim: async (r) => void interims.push(r) }));
    expect(reply.openThread).toBeDefined();
    expect(interims).toEqual([]);
  });

  it('a build that tells no progress (the API, another process) is said to be under way once it is slow', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const quiet: PostSource = { mode: 'api', collect: async () => (await gate, { posts: loadSample().posts, warnings: [], source: { mode: 'api', numbersMissing: false } }) };
    const reports = new DailyReports(h.store, quiet);
    const interims: Reply[] = [];
    let now = 0;
    const pending = todaysReport(h.context({ services: { reports, store: h.store }, interim: async (r) => void interims.push(r) }), () => (now += 4_000));
    await expect.poll(() => interims.length, { timeout: 8_000 }).toBe(1);
    expect(textOf(interims[0]!)).toBe("Today's report is being collected from Reddit; it will be posted here when ready.");
    release();
    expect((await pending).date).toBe('2026-02-11');
  });

  it('says less when it knows less: no counts before the plan, no estimate before a request is done', () => {
    const base = { startedAt: '2026-12-07T07:30:00.000Z', updatedAt: '2026-12-07T07:30:00.000Z' };
    const at = Date.parse('2026-12-07T07:34:00.000Z');
    expect(textOf(buildingReply({ ...base, done: 0, planned: 0, rung: 'feeds' }, at))).toBe("Today's report is being collected from Reddit's public feeds; it will be posted here when ready.");
    expect(textOf(buildingReply({ ...base, done: 4, planned: 7, rung: 'feeds' }, at))).toBe("Today's report is being collected from Reddit's public feeds (4/7 requests, about 3 min left); it will be posted here when ready.");
  });
});
