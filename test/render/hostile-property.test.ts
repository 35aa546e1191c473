import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/render/discord.js';
import { renderMarkdownReply } from '../../src/render/markdown.js';
import { renderTextReply } from '../../src/render/text.js';
import { allowedUrls, arbitraryReply } from '../helpers/arbitrary-reply.js';
import { assertSafeOutput, linksIn } from '../helpers/hostile.js';

// Random strings (pings, links, Markdown, controls, bidi, entities, huge lengths) through every renderer:
// never a ping, never a link the Reply did not hold, never a control character, never a broken table row.

const dividers = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

describe('every renderer, any Reply', () => {
  it('Markdown: safe, links only to the reply’s posts, and every table row as wide as its header', () => {
    fc.assert(
      fc.property(arbitraryReply, (reply) => {
        const md = renderMarkdownReply(reply);
        assertSafeOutput(md);
        const allowed = allowedUrls(reply);
        for (const url of linksIn(md)) expect(allowed.has(url) || /^https:\/\/www\.reddit\.com\/r\/[A-Za-z0-9_]+$/.test(url)).toBe(true);
        const lines = md.split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (!lines[i]!.startsWith('| ') || lines[i - 1]?.startsWith('|')) continue;
          const width = dividers(lines[i]!);
          for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) expect(dividers(lines[j]!)).toBe(width);
        }
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });

  it('terminal text and Discord: safe, links only to the reply’s posts', () => {
    fc.assert(
      fc.property(arbitraryReply, (reply) => {
        const allowed = allowedUrls(reply);
        const terminal = renderTextReply(reply);
        assertSafeOutput(terminal, { markup: false });
        for (const url of linksIn(terminal, { markup: false })) expect(allowed.has(url)).toBe(true);
        for (const { content } of renderDiscord(reply)) {
          assertSafeOutput(content);
          for (const url of linksIn(content)) expect(allowed.has(url)).toBe(true);
        }
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
