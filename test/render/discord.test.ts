import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discordPieces, discordThreadName, renderDiscord } from '../../src/render/discord.js';
import { reportReply, reportSections } from '../../src/reply/report.js';
import { note, postList } from '../../src/reply/reply.js';
import { containsMention } from '../../src/text/mentions.js';
import { sampleReport } from '../followup/helpers.js';
import { allowedUrls, arbitraryReply } from '../helpers/arbitrary-reply.js';
import { makePost } from '../helpers/posts.js';

/** Text without its whitespace: a split may turn a space into a line break, but nothing else. */
const squash = (text: string) => text.replace(/\s+/g, '');
/** Links as Discord renders them: masked `[label](<url>)`, and any bare http(s) URL it would auto-link. */
// A "[" opens a link unless an odd number of backslashes escapes it.
const masked = /(?<=(?:^|[^\\])(?:\\\\)*)\[(?:\\.|[^\]\\])*\]\(<([^>]*)>\)/g;
const maskedLinks = (text: string) => [...text.matchAll(masked)].map((m) => m[1]!);
const bareUrls = (text: string) => [...text.replace(masked, "").matchAll(/https?:\/\/[^\s<>)]+/gi)].map((m) => m[0]);

describe('renderDiscord', () => {
  it('shows a post as one numbered line: linked title without preview, community, score, comments', () => {
    const post = makePost({ id: 'abc12', title: 'Qwen 3.5 *beats* [GPT](http://x) | @everyone', subreddit: 'LocalLLaMA', score: 1956, numComments: 103 });
    const [message] = renderDiscord({ blocks: [postList([post])] });
    expect(message!.content).toBe('1. [Qwen 3.5 \\*beats\\* \\[GPT\\]\\(http:/\u200b/x\\) \\| \\@\u200deveryone](<https://www.reddit.com/comments/abc12>) · r/LocalLLaMA · ▲1,956 · 💬103');
    expect(message!.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(message!.flags).toBe(4);
  });

  it.each(reportSections)('renders the sample report section %s within 2,000 characters a message, without tables', (section) => {
    const messages = renderDiscord(reportReply(sampleReport(), { section }));
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.content).not.toMatch(/^\|.*\|$/m);
      expect(m.allowedMentions.parse).toEqual([]);
    }
  });

  it('names a thread within 100 characters, cleaned', () => {
    expect(discordThreadName('Reddit AI Trend Report - 2026-02-11')).toBe('Reddit AI Trend Report - 2026-02-11');
    expect(discordThreadName(`@everyone ${'x'.repeat(300)}`).length).toBeLessThanOrEqual(100);
  });

  it('a bold span longer than a message is left plain, and a long note is a quote in every message', () => {
    const long = 'word '.repeat(800).trim();
    const bold = renderDiscord({ blocks: [{ type: 'paragraph', spans: [{ text: long, strong: true }] }] }).map((m) => m.content);
    expect(bold.length).toBeGreaterThan(1);
    for (const content of bold) expect(content).not.toContain('**');
    // Short bold runs in a paragraph longer than a message: the cut falls between them, never inside one.
    const runs = Array.from({ length: 60 }, (_, i) => [{ text: `point ${i} in several words here `, strong: true }, { text: 'then some plain words between them. ' }]).flat();
    for (const content of renderDiscord({ blocks: [{ type: 'paragraph', spans: runs }] }).map((m) => m.content)) expect((content.match(/\*\*/g) ?? []).length % 2).toBe(0);
    const noted = renderDiscord({ blocks: [note(long, 'warning')] }).map((m) => m.content);
    expect(noted.length).toBeGreaterThan(1);
    for (const content of noted) expect(content).toMatch(/^> /);
  });

  it('property: any Reply fits the limits, loses and repeats nothing, pings nobody, links only where allowed', () => {
    fc.assert(
      fc.property(arbitraryReply, (reply) => {
        const messages = renderDiscord(reply).map((m) => m.content);
        for (const content of messages) {
          expect(content.length).toBeLessThanOrEqual(2000);
          expect(containsMention(content)).toBe(false);
          expect(content).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        }
        // Splitting only moves line breaks: the text read in order is the unsplit text.
        const whole = discordPieces(reply).map((p) => p.text).join('\n');
        expect(squash(messages.join('\n'))).toBe(squash(whole) || '…');
        const allowed = allowedUrls(reply);
        for (const content of messages) {
          for (const url of maskedLinks(content)) expect(allowed.has(url)).toBe(true);
          expect(bareUrls(content)).toEqual([]);
        }
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
