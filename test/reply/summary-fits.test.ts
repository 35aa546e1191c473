import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { fitted } from '../../src/chat/deliver.js';
import type { Report } from '../../src/models.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderTextReply } from '../../src/render/text.js';
import { morningReply, reportReply } from '../../src/reply/report.js';
import type { Reply } from '../../src/reply/reply.js';
import { sampleReport } from '../followup/helpers.js';

// The summary is read at a glance in the channel: on Discord (2,000 characters a message) it used to be
// 2,470 characters with the day's analysis, and its tail became the first message of its thread. Each
// summary carries shorter versions (one highlight fewer each); a platform posts the first that fits.

function analysedSample(): Report {
  const report = sampleReport();
  return { ...report, analysis: offlineAnalysis({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }) };
}

const chain = (reply: Reply): Reply[] => (reply.shorter ? [reply, ...chain(reply.shorter)] : [reply]);
const highlightsIn = (reply: Reply) => reply.blocks.filter((b) => b.type === 'paragraph' && /^\[\d/.test(b.spans.map((s) => s.text).join(''))).length;
const moreNote = (reply: Reply) => reply.blocks.find((b) => b.type === 'note' && /more highlights?|highlights?: \/trends analysis/.test(b.text));

describe('the summary fits one message', () => {
  const summary = reportReply(analysedSample(), { section: 'summary' });

  it('on Discord: the first version of the chain that is one message, with its last line and the source', () => {
    expect(renderDiscord(summary).length).toBeGreaterThan(1);
    const posted = renderDiscord(fitted({ render: renderDiscord }, summary));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toMatch(/^More: \/trends today, week, month, communities, analysis or full\. Ask a question in the thread to dig in\.$/m);
    expect(posted[0]!.content).toMatch(/\n\n\*Source: [^\n]*\*$/);
  });

  it('on Slack and in the terminal the whole summary fits: nothing is left out', () => {
    expect(fitted({ render: (r) => renderSlack(r) }, summary)).toBe(summary);
    expect(fitted({ render: (r) => [renderTextReply(r)] }, summary)).toBe(summary);
  });

  it('each shorter version has one highlight block fewer and names how many more /trends analysis has', () => {
    const versions = chain(summary);
    expect(versions.length).toBeGreaterThan(2);
    expect(highlightsIn(versions[0]!)).toBeGreaterThan(0);
    for (const [i, version] of versions.entries()) {
      if (i > 0) expect(renderDiscord(version).map((m) => m.content).join('').length).toBeLessThan(renderDiscord(versions[i - 1]!).map((m) => m.content).join('').length);
      // Every version still ends with the way on and the source line.
      expect(version.blocks.at(-2)).toMatchObject({ type: 'paragraph' });
      expect(version.openThread).toEqual(summary.openThread);
    }
    expect(moreNote(versions.at(-1)!)).toBeDefined();
    expect(highlightsIn(versions.at(-1)!)).toBe(0);
  });

  it('a morning post of the summary alone has the chain; with other sections it continues in its thread as before', () => {
    expect(morningReply(analysedSample(), ['summary']).shorter).toBeDefined();
    expect(morningReply(analysedSample(), ['summary', 'week']).shorter).toBeUndefined();
    expect(reportReply(analysedSample(), { section: 'full' }).shorter).toBeUndefined();
  });

  it('without a thread to ask in (the terminal), the summary does not point at one', () => {
    const text = renderTextReply(reportReply(analysedSample(), { section: 'summary', threads: false }));
    expect(text).toMatch(/More: \/trends today, week, month, communities, analysis or full\./);
    expect(text).not.toMatch(/thread/);
  });
});
