import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderSlack, slackBlockText } from '../../src/render/slack.js';
import { reportReply, reportSections } from '../../src/reply/report.js';
import { postList } from '../../src/reply/reply.js';
import { displayText } from '../../src/text/clean.js';
import { containsMention } from '../../src/text/mentions.js';
import { sampleReport } from '../followup/helpers.js';
import { allowedUrls, arbitraryReply } from '../helpers/arbitrary-reply.js';
import { controlOrBidi } from '../helpers/hostile.js';
import { makePost } from '../helpers/posts.js';

const slackLinks = (text: string) => [...text.matchAll(/<(https?:\/\/[^|>]+)(\|[^>]*)?>/g)].map((m) => m[1]!);

describe('renderSlack', () => {
  it('shows a post as one numbered line with a safe link label, and no mention', () => {
    const post = makePost({ id: 'abc12', title: 'Qwen <!channel> <@U123> a|b > c & d', subreddit: 'LocalLLaMA', score: 1956, numComments: 103 });
    const [message] = renderSlack({ blocks: [postList([post])] });
    const text = slackBlockText(message!.blocks[0]!);
    expect(text).toBe('1. <https://www.reddit.com/comments/abc12|Qwen !channel @U123 a|b &gt; c &amp; d> · r/LocalLLaMA · ▲1,956 · 💬103');
    expect(message!.unfurl_links).toBe(false);
    expect(message!.text.length).toBeGreaterThan(0);
  });

  it.each(reportSections)('renders the sample section %s within Block Kit limits', (section) => {
    for (const message of renderSlack(reportReply(sampleReport(), { section }))) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(message.blocks.map(slackBlockText).join('').length).toBeLessThanOrEqual(12_000);
      for (const block of message.blocks) {
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
        else expect(slackBlockText(block).length).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('property: any Reply fits, loses and repeats nothing, mentions nobody, links only to its posts, carries no control or bidi character', () => {
    fc.assert(
      fc.property(arbitraryReply, (reply) => {
        const messages = renderSlack(reply);
        const allowed = allowedUrls(reply);
        for (const message of messages) {
          expect(message.blocks.length).toBeLessThanOrEqual(50);
          const texts = message.blocks.map(slackBlockText);
          expect(texts.join('').length).toBeLessThanOrEqual(12_000);
          for (const [i, block] of message.blocks.entries()) {
            expect(texts[i]!.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
            expect(containsMention(texts[i]!)).toBe(false);
            expect(texts[i]).not.toMatch(controlOrBidi);
            for (const url of slackLinks(texts[i]!)) expect(allowed.has(url)).toBe(true);
          }
          expect(containsMention(message.text)).toBe(false);
          expect(message.text).not.toMatch(controlOrBidi);
        }
        // Nothing lost or repeated by splitting: every post and every linked span with a visible label
        // shows up exactly once.
        const expected = reply.blocks.flatMap((b) => (b.type === 'posts' ? b.posts.map((p) => p.url) : b.type === 'paragraph' ? b.spans.filter((s) => s.url && displayText(s.text)).map((s) => s.url!) : []));
        const shown = messages.flatMap((m) => m.blocks.flatMap((b) => slackLinks(slackBlockText(b))));
        expect(shown.sort()).toEqual(expected.sort());
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
