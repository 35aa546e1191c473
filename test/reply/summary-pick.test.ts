import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { defaultSubreddits } from '../../src/config.js';
import type { Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { topPick } from '../../src/report/pick.js';
import { morningReply, reportReply } from '../../src/reply/report.js';
import type { ReplyBlock } from '../../src/reply/reply.js';
import { loadSample } from '../../src/sample/sample.js';
import { communitiesNamed } from '../eval/pick.js';
import { feedsReport } from '../helpers/feeds-day.js';

// What a reader meets first: the summary's top list is the day's pick, and every configured community is
// accounted for by name, shown or said to be quiet.

const postBlocks = (blocks: ReplyBlock[]) => blocks.filter((b): b is Extract<ReplyBlock, { type: 'posts' }> => b.type === 'posts');
const noteTexts = (blocks: ReplyBlock[]) => blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []));
function sampleDay(): Report {
  const { now, posts } = loadSample();
  const report: Report = { ...buildReport(posts, now, [], { mode: 'sample', numbersMissing: false }), configuredCommunities: defaultSubreddits };
  return { ...report, analysis: offlineAnalysis({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }) };
}

describe('the morning summary', () => {
  it('lists the day’s pick, not the first five of Today by points, and says once how it was picked', () => {
    const report = sampleDay();
    const blocks = morningReply(report, ['summary']).blocks;
    const top = postBlocks(blocks)[0]!.posts;
    expect(top.map((p) => p.id)).toEqual(topPick(report).map((p) => p.id));
    expect(top.map((p) => p.id)).not.toEqual(report.sections.today.slice(0, 5).map((p) => p.id));
    expect(noteTexts(blocks).filter((t) => t.startsWith('Picked across communities'))).toHaveLength(1);
  });

  it('accounts for every configured community by name: shown, sent to /trends communities, or quiet', () => {
    const report = sampleDay();
    const reply = morningReply(report, ['summary']);
    const named = communitiesNamed(reply);
    expect(defaultSubreddits.filter((c) => !named.has(c.toLowerCase()))).toEqual([]);
    expect(noteTexts(reply.blocks).join(' ')).toContain('Nothing today from r/hackernews, r/LangChain, r/LLMDevs and r/vectordatabase: no post with more than 10 comments in the past 24 hours.');
  });

  it('on a feeds day says the quiet ones had no post in Reddit’s top of the day', () => {
    const report = { ...feedsReport(), configuredCommunities: ['LocalLLaMA', 'LangChain'] };
    expect(noteTexts(morningReply(report, ['summary']).blocks).join(' ')).toContain("Nothing today from r/LangChain: no post in Reddit's top of the day.");
  });

  it('narrowed to one community, names no other community', () => {
    const report = sampleDay();
    const reply = reportReply(report, { section: 'summary', subreddit: 'LocalLLaMA' });
    expect(noteTexts(reply.blocks).some((t) => t.startsWith('Nothing today'))).toBe(false);
    expect(postBlocks(reply.blocks)[0]!.posts.every((p) => p.subreddit === 'LocalLLaMA')).toBe(true);
  });
});

describe('the communities section', () => {
  it('ends with the configured communities that had nothing today', () => {
    const blocks = reportReply(sampleDay(), { section: 'communities' }).blocks;
    const last = noteTexts(blocks).at(-1);
    expect(last).toBe('Nothing today from r/hackernews, r/LangChain, r/LLMDevs and r/vectordatabase: no post with more than 10 comments in the past 24 hours.');
  });

  it('says nothing of the kind without the configured list (a report stored before)', () => {
    const { now, posts } = loadSample();
    const blocks = reportReply(buildReport(posts, now), { section: 'communities' }).blocks;
    expect(noteTexts(blocks).some((t) => t.startsWith('Nothing today'))).toBe(false);
  });
});
