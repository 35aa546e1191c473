import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { isLowSignal, isMemePost, isPureMedia } from '../../src/report/low-signal.js';
import { capPerCommunity, dayPick, topPick } from '../../src/report/pick.js';
import { loadSample } from '../../src/sample/sample.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { ids, makePost, NOW } from '../helpers/posts.js';

const sampleReport = () => {
  const { now, posts } = loadSample();
  return buildReport(posts, now, [], { mode: 'sample', numbersMissing: false });
};

const count = (posts: Post[]) => {
  const by = new Map<string, number>();
  for (const p of posts) by.set(p.subreddit, (by.get(p.subreddit) ?? 0) + 1);
  return Math.max(...by.values());
};

describe('the day’s pick on the bundled sample', () => {
  it('takes no more than two posts of one community into the top 5, and no meme into the top 3', () => {
    const report = sampleReport();
    const top = topPick(report);
    expect(top).toHaveLength(5);
    expect(count(top)).toBeLessThanOrEqual(2);
    // Raw points put four r/singularity posts and the "Meme" in the top 5 (the meme first).
    expect(count(report.sections.today.slice(0, 5))).toBe(4);
    expect(top.slice(0, 3).some((p) => isMemePost(p))).toBe(false);
    expect(new Set(top.map((p) => p.subreddit)).size).toBeGreaterThanOrEqual(3);
  });

  it('puts the meme after every post of substance, and keeps every candidate once', () => {
    const report = sampleReport();
    const pick = dayPick(report);
    expect(pick.at(-1)!.flair).toBe('Meme');
    const candidates = new Set([...report.sections.today, ...report.sections.communities.flatMap((c) => c.posts)].map((p) => p.id));
    expect(new Set(ids(pick))).toEqual(candidates);
    expect(pick).toHaveLength(candidates.size);
  });

  it('leaves the tables as they were: Today stays in the order of points', () => {
    const report = sampleReport();
    expect(report.sections.today[0]!.flair).toBe('Meme');
    const scores = report.sections.today.map((p) => p.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

/** A report whose day is `posts`: Today and the communities table built by the real selection. */
const reportOf = (posts: Post[]) => buildReport(posts, NOW);

describe('each post weighed against its own community', () => {
  it('a 300-point post where 40 is a good day comes before a 1,200-point post where 1,600 is', () => {
    const big = ['b1', 'b2', 'b3'].map((id, i) => makePost({ id, subreddit: 'singularity', score: [1_600, 1_500, 1_200][i]! }));
    const small = ['s1', 's2', 's3'].map((id, i) => makePost({ id, subreddit: 'LocalLLM', score: [300, 40, 35][i]! }));
    const pick = ids(dayPick(reportOf([...big, ...small])));
    // First of all: raw points (or the cap alone) would put b1 there.
    expect(pick[0]).toBe('s1');
    // Size still counts: a community's good day does not make its 40-point post outrank a big one's best.
    expect(pick.indexOf('b1')).toBeLessThan(pick.indexOf('s2'));
  });

  it('uses the usual top points of the stored days when the report carries them', () => {
    const posts = [makePost({ id: 'a1', subreddit: 'A', score: 500 }), makePost({ id: 'b1', subreddit: 'B', score: 500 })];
    const report = reportOf(posts);
    // On this day alone the two are equal; A usually does ten times better, so its 500 is a quiet day.
    const usual = { ...report, usualTopPoints: { A: 5_000, B: 500 } };
    expect(ids(dayPick(usual))).toEqual(['b1', 'a1']);
    expect(ids(dayPick({ ...report, usualTopPoints: { A: 500, B: 5_000 } }))).toEqual(['a1', 'b1']);
  });

  it('without numbers (the public feeds), goes by place in its community: every community’s first before any second', () => {
    const report = feedsReport();
    const pick = dayPick(report);
    const firsts = new Set(report.sections.communities.map((c) => c.posts[0]!.id));
    expect(ids(pick.slice(0, firsts.size)).sort()).toEqual([...firsts].sort());
    // Among the firsts, Reddit's day list decides.
    const places = pick.slice(0, firsts.size).map((p) => p.topRank?.day ?? Infinity);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    expect(count(pick.slice(0, 5))).toBeLessThanOrEqual(2);
  });
});

describe('at most two of one community in the top 5', () => {
  it('lets a third in only when nothing else qualifies', () => {
    const a = ['a1', 'a2', 'a3', 'a4'].map((id) => makePost({ id, subreddit: 'A' }));
    const b = makePost({ id: 'b1', subreddit: 'B' });
    expect(ids(capPerCommunity([...a, b], 5, 2))).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(ids(capPerCommunity(a, 3, 2))).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('fills the top list with a capped post of substance before a meme from another community', () => {
    const a = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id, i) => makePost({ id, subreddit: 'A', score: 1_000 - i }));
    const meme = makePost({ id: 'm1', subreddit: 'B', score: 5_000, flair: 'Funny' });
    const top = ids(topPick(reportOf([...a, meme])));
    expect(top).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });
});

describe('low-signal posts', () => {
  it('are jokes by flair or title, or only an image or a clip by their link', () => {
    expect(isMemePost({ flair: 'Meme', title: 'x' })).toBe(true);
    expect(isMemePost({ flair: ' funny ', title: 'x' })).toBe(true);
    expect(isMemePost({ flair: null, title: 'POV: you ask for a one-line change' })).toBe(true);
    expect(isMemePost({ flair: null, title: 'Best memes of the week' })).toBe(true);
    expect(isMemePost({ flair: 'Discussion', title: 'Memory bandwidth is the bottleneck' })).toBe(false);
    expect(isPureMedia({ domain: 'i.redd.it' })).toBe(true);
    expect(isPureMedia({ domain: 'v.redd.it' })).toBe(true);
    expect(isPureMedia({ domain: 'imgur.com' })).toBe(true);
    expect(isPureMedia({ domain: 'reddit.com', linkUrl: 'https://www.reddit.com/gallery/1abc' })).toBe(true);
    // A picture with a write-up is not a pure picture; a GitHub link or a self post is not media.
    expect(isPureMedia({ domain: 'i.redd.it', selftext: 'Benchmarks below: 38 tok/s on a 3090.' })).toBe(false);
    expect(isPureMedia({ domain: 'github.com' })).toBe(false);
    expect(isPureMedia({ domain: 'self.LocalLLaMA' })).toBe(false);
    expect(isPureMedia({})).toBe(false);
  });

  it('come after every other post in the pick, however many points they have', () => {
    const posts = [
      makePost({ id: 'img', subreddit: 'A', score: 9_000, domain: 'i.redd.it' }),
      makePost({ id: 'gh', subreddit: 'B', score: 50, domain: 'github.com' }),
      makePost({ id: 'joke', subreddit: 'C', score: 8_000, title: 'me irl when the build is green' }),
    ];
    expect(ids(dayPick(reportOf(posts)))).toEqual(['gh', 'img', 'joke']);
    expect(isLowSignal(posts[0]!)).toBe(true);
  });
});
