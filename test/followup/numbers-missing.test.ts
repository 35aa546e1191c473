import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { reportSources } from '../../src/followup/context.js';
import { groundAnswer, KnownPosts } from '../../src/followup/grounding.js';
import { offlineAnswer } from '../../src/followup/offline.js';
import { SYSTEM_PROMPT } from '../../src/followup/prompt.js';
import { numbersMissingNote, reportDigest, searchResult } from '../../src/followup/sources.js';
import { renderTextReply } from '../../src/render/text.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { citationOf } from './helpers.js';

// Follow-ups on a report without numbers: the model is told they are missing, an answer's figure about
// such a post goes with its sentence, and "how many upvotes?" gets "not available from the public feeds".

const report = feedsReport();
const sources = reportSources(report);
const seedance = sources.find((s) => /Will Smith/.test(s.post.title))!;

function text(blocks: ContentBlock[]): string {
  return renderTextReply(groundAnswer(blocks, new KnownPosts(sources.map((s) => s.post)), 'end_turn').reply);
}

describe('follow-ups without numbers', () => {
  it('the digest says the numbers are missing; search results give the place, never "unknown points"', () => {
    expect(reportDigest(report)).toContain(numbersMissingNote);
    const facts = searchResult({ ...seedance, details: { id: seedance.post.id, selftext: '', topComments: [{ author: 'x', body: 'Wild.', score: null }], fetchedAt: '' } });
    const all = facts.content.map((b) => b.text).join('\n');
    expect(all).toContain(`id ${seedance.post.id} · r/singularity · #2 in Reddit's top today · posted`);
    expect(all).toContain('Top comment by u/x: Wild.');
    expect(all).not.toMatch(/points|comments ·|unknown/);
    const { now, posts } = loadSample();
    expect(reportDigest(buildReport(posts, now))).not.toContain(numbersMissingNote);
  });

  it('the system prompt tells the model to say "not available from the public feeds"', () => {
    expect(SYSTEM_PROMPT).toContain('say they are not available from the public feeds');
  });

  it('an answer’s points or comments figure about a post without numbers goes with its sentence', () => {
    const answer = text([
      { type: 'text', text: 'The Seedance clip drew 4,200 upvotes and 900 comments. ', citations: [citationOf(seedance.post)] },
      { type: 'text', text: 'It is #2 in Reddit’s top today.', citations: [citationOf(seedance.post)] },
    ] as ContentBlock[]);
    expect(answer).not.toMatch(/4,200|900|upvotes|\d comments/);
    // The removed passage takes its marker along: one [1], after the sentence that stays.
    expect(answer).toMatch(/^It is #2 in Reddit’s top today\. \[1\] <https:\/\/www\.reddit\.com\/comments\/1r1auy1>\n/);
    // Without a citation it is checked against every post given: none has numbers either.
    expect(text([{ type: 'text', text: 'Most posts got 1.2k upvotes. Seedance leads.', citations: null }] as ContentBlock[])).not.toMatch(/1\.2k/);
  });

  it('the offline answerer: "how many upvotes?" is not available from the public feeds, and the post’s place is given', () => {
    const answer = offlineAnswer('How many upvotes does the Will Smith spaghetti post have?', { report, sources, focus: [], past: null }, 'no-claude');
    expect(answer.plainText).toContain(`Points and comment counts are not available from Reddit's public feeds: ${seedance.post.title} is #2 in Reddit's top today.`);
    const shown = renderTextReply(answer.reply);
    expect(shown).toMatch(/^Points and comment counts are not available from Reddit's public feeds: "Will Smith/);
    expect(shown).not.toMatch(/\d[\d,]* (points|upvotes|comments)/);
  });

  it('with numbers, the same question gets the numbers and no such line', () => {
    const { now, posts } = loadSample();
    const api = buildReport(posts, now, [], { mode: 'api', numbersMissing: false });
    const answer = offlineAnswer('How many upvotes does the Will Smith spaghetti post have?', { report: api, sources: reportSources(api), focus: [], past: null }, 'no-claude');
    expect(answer.plainText).not.toContain('not available');
    expect(renderTextReply(answer.reply)).toMatch(/1,660 points, 260 comments/);
  });
});
