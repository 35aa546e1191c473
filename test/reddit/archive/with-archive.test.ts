import { describe, expect, it } from 'vitest';
import { withArchive } from '../../../src/reddit/archive/with-archive.js';
import { DailyReports } from '../../../src/report/daily.js';
import { makePost } from '../../helpers/posts.js';
import { openTempStore } from '../../helpers/store.js';
import { archived, clientFor, DAY, fakeArchive, feedPost, feedsRung, HOUR, NOW, UA } from './helpers.js';

// REDDIT_ARCHIVE=arctic-shift: a rung's older posts get points, comments and the NSFW flag from the
// archive, over real HTTP to a fake Arctic Shift on 127.0.0.1.

const week = [feedPost('old1', 3 * DAY), feedPost('old2', 5 * DAY), feedPost('nsfw1', 4 * DAY)];
const today = [feedPost('new1', 10 * HOUR), feedPost('new2', 35 * HOUR)];
const stored = [archived('old1', 420, 37), archived('old2', 95, 12), archived('nsfw1', 300, 40, true), archived('new1', 1, 0), archived('new2', 1, 0)];

describe('withArchive', () => {
  it('fills points and comments of the posts older than 36 h that have none, in one request', async () => {
    const fake = await fakeArchive(stored);
    const source = withArchive(feedsRung([...week, ...today]), clientFor(fake));
    const collected = await source.collect(NOW);

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/posts/ids' });
    expect(fake.requests[0]!.query.ids!.split(',').sort()).toEqual(['nsfw1', 'old1', 'old2']);
    expect(fake.requests[0]!.query.fields).toBe('id,score,num_comments,over_18');
    const old1 = collected.posts.find((p) => p.id === 'old1');
    expect(old1).toMatchObject({ score: 420, numComments: 37, numbersFrom: 'archive' });
    expect(collected.posts.find((p) => p.id === 'old2')).toMatchObject({ score: 95, numComments: 12, numbersFrom: 'archive' });
    expect(collected.source).toEqual({ mode: 'feeds', requests: 3, elapsedMs: 10, numbersMissing: true, archive: { name: 'arctic-shift', posts: 2 } });
    expect(source.mode).toBe('feeds');
  });

  it('never fills a post newer than 36 h: the archive holds placeholders (1 point, 0 comments) until its second fetch', async () => {
    const fake = await fakeArchive(stored);
    const collected = await withArchive(feedsRung([...week, ...today]), clientFor(fake)).collect(NOW);
    for (const id of ['new1', 'new2']) {
      const post = collected.posts.find((p) => p.id === id)!;
      expect(post.score).toBeNull();
      expect(post.numComments).toBeNull();
      expect(post.numbersFrom).toBeUndefined();
    }
    expect(fake.requests[0]!.query.ids).not.toMatch(/new/);
  });

  it('asks nothing when no post is both old and without numbers (the API rung, a day of new posts)', async () => {
    const fake = await fakeArchive(stored);
    const withNumbers = [makePost({ id: 'api1', score: 50, numComments: 5, createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() })];
    const api = await withArchive(feedsRung(withNumbers), clientFor(fake)).collect(NOW);
    const fresh = await withArchive(feedsRung(today), clientFor(fake)).collect(NOW);
    expect(fake.requests).toHaveLength(0);
    expect(api.posts[0]).toMatchObject({ score: 50, numComments: 5 });
    expect(api.posts[0]!.numbersFrom).toBeUndefined();
    expect(api.source.archive).toBeUndefined();
    expect(fresh.source.archive).toBeUndefined();
  });

  it('leaves out the posts the archive marks NSFW, with a count in one warning', async () => {
    const fake = await fakeArchive([...stored, archived('nsfw2', 10, 1, true)]);
    const collected = await withArchive(feedsRung([...week, feedPost('nsfw2', 2 * DAY), ...today], ['earlier warning']), clientFor(fake)).collect(NOW);
    expect(collected.posts.map((p) => p.id)).toEqual(['old1', 'old2', 'new1', 'new2']);
    expect(collected.warnings).toEqual(['earlier warning', '2 posts left out: Arctic Shift marks them NSFW']);
  });

  it('sends the bot\'s own User-Agent', async () => {
    const fake = await fakeArchive(stored);
    await withArchive(feedsRung(week), clientFor(fake)).collect(NOW);
    expect(fake.requests[0]!.headers['user-agent']).toBe(UA);
  });

  it('asks in calls of at most 500 ids when there are more', async () => {
    const many = Array.from({ length: 501 }, (_, i) => feedPost(`m${i}`, 2 * DAY));
    const fake = await fakeArchive(many.map((p, i) => archived(p.id, i, 1)));
    const collected = await withArchive(feedsRung(many), clientFor(fake)).collect(NOW);
    expect(fake.requests.map((r) => r.query.ids!.split(',').length)).toEqual([500, 1]);
    expect(collected.source.archive).toEqual({ name: 'arctic-shift', posts: 501 });
  });

  it('ends up in the built and stored report: numbers labelled, the footer\'s source.archive set', async () => {
    const fake = await fakeArchive(stored);
    const store = await openTempStore();
    try {
      const reports = new DailyReports(store, withArchive(feedsRung([...week, ...today]), clientFor(fake)));
      const { report } = await reports.get({ now: NOW });
      expect(report.source?.archive).toEqual({ name: 'arctic-shift', posts: 2 });
      expect(report.sections.week.find((p) => p.id === 'old1')).toMatchObject({ score: 420, numbersFrom: 'archive' });
      expect(JSON.stringify(report)).not.toContain('nsfw1');
    } finally {
      await store.close();
    }
  });
});
