import { describe, expect, it } from 'vitest';
import { withArchive } from '../../../src/reddit/archive/with-archive.js';
import { buildReport } from '../../../src/report/build.js';
import type { ArchiveFault } from '../../fakes/arctic-shift.js';
import { freePort } from '../../helpers/free-port.js';
import { archived, clientFor, DAY, fakeArchive, feedPost, feedsRung, HOUR, NOW } from './helpers.js';

// Arctic Shift promises no uptime: whatever goes wrong there, the report is the rung's own (its posts,
// numbers still missing) with exactly one warning more. Never a failed report.

const posts = [feedPost('old1', 3 * DAY), feedPost('old2', 5 * DAY), feedPost('new1', 10 * HOUR)];
const stored = [archived('old1', 420, 37), archived('old2', 95, 12)];

const faults: { name: string; fault: ArchiveFault; warning: RegExp }[] = [
  { name: 'a timeout', fault: { kind: 'delay', ms: 20_000 }, warning: /Arctic Shift did not answer within 1500 ms/ },
  { name: '429 with X-RateLimit-Reset', fault: { kind: 'status', status: 429, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '37' } }, warning: /Arctic Shift is limiting requests \(429, X-RateLimit-Reset 37\)/ },
  { name: 'a 503', fault: { kind: 'status', status: 503, body: '<html>down</html>' }, warning: /Arctic Shift answered 503/ },
  { name: 'a 500', fault: { kind: 'status', status: 500 }, warning: /Arctic Shift answered 500/ },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, warning: /not the JSON expected/ },
  { name: 'an error answer ("Query timed out")', fault: { kind: 'error', message: 'Query timed out' }, warning: /answered with an error: "Query timed out"/ },
  { name: 'a redirect', fault: { kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere' }, warning: /Arctic Shift redirected to http:.*127\.0\.0\.1:9\/elsewhere, which is not followed/ },
  { name: 'an oversized body (Content-Length)', fault: { kind: 'huge', bytes: 1024 * 1024, contentLength: true }, warning: /larger than 65536 bytes/ },
  { name: 'an oversized body (streamed)', fault: { kind: 'huge', bytes: 1024 * 1024 }, warning: /larger than 65536 bytes/ },
];

describe('withArchive when the archive fails', () => {
  it.each(faults)('$name: the report is still built, with the rung\'s posts and one warning', async ({ fault, warning }) => {
    const fake = await fakeArchive(stored);
    fake.inject(fault);
    const collected = await withArchive(feedsRung(posts, ['feeds warning']), clientFor(fake, { timeoutMs: 1_500 })).collect(NOW);

    expect(collected.posts).toEqual(posts);
    expect(collected.source.archive).toBeUndefined();
    expect(collected.warnings).toHaveLength(2);
    expect(collected.warnings[0]).toBe('feeds warning');
    expect(collected.warnings[1]).toMatch(/^archive numbers left out: /);
    expect(collected.warnings[1]).toMatch(warning);
    expect(collected.warnings[1]).toMatch(/older posts show no points or comments$/);
    // No URL in the warning: it would carry every id asked.
    expect(collected.warnings[1]).not.toContain('old1');
    const report = buildReport(collected.posts, NOW, collected.warnings);
    expect(report.sections.week.map((p) => p.id)).toEqual(expect.arrayContaining(['old1', 'old2']));
    expect(fake.requests).toHaveLength(1);
  });

  it('an unreachable archive: one warning', async () => {
    const port = await freePort();
    const fake = await fakeArchive([]);
    const collected = await withArchive(feedsRung(posts), clientFor(fake, { base: `http://127.0.0.1:${port}` })).collect(NOW);
    expect(collected.posts).toEqual(posts);
    expect(collected.warnings).toEqual([expect.stringMatching(/^archive numbers left out: could not reach Arctic Shift/)]);
  });

  it('does not follow a redirect, even to a server that would answer', async () => {
    const elsewhere = await fakeArchive(stored);
    const fake = await fakeArchive(stored);
    fake.inject({ kind: 'redirect', location: `${elsewhere.base}/api/posts/ids?ids=old1,old2`, status: 307 });
    const collected = await withArchive(feedsRung(posts), clientFor(fake)).collect(NOW);
    expect(elsewhere.requests).toHaveLength(0);
    expect(collected.posts.every((p) => p.score === null)).toBe(true);
    expect(collected.warnings).toHaveLength(1);
  });

  it('a garbled entry is skipped, the others are used', async () => {
    const fake = await fakeArchive([{ ...archived('old1', 0, 0), score: '12' as unknown as number }, archived('old2', 95, 12)]);
    const collected = await withArchive(feedsRung(posts), clientFor(fake)).collect(NOW);
    expect(collected.posts.find((p) => p.id === 'old1')).toMatchObject({ score: null, numComments: null });
    expect(collected.posts.find((p) => p.id === 'old2')).toMatchObject({ score: 95, numbersFrom: 'archive' });
    expect(collected.source.archive).toEqual({ name: 'arctic-shift', posts: 1 });
    expect(collected.warnings).toEqual([]);
  });
});
