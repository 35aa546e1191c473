import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText, stripControls } from '../../src/text/clean.js';
import { containsMention } from '../../src/text/mentions.js';

// The one cleaning step: what it gives is already clean, so every renderer may apply it again.

const hostilePiece = fc.constantFrom('\u0085', '\u009b', ' ', '\u202e', '\u2066', '<', '!', '@', '&', 'here', 'X|', '>', 'https://', 'www.', '&#64;', '\n', '\u200b');
const hostileText = fc.array(fc.oneof(hostilePiece, fc.string({ maxLength: 5 })), { maxLength: 30 }).map((parts) => parts.join(''));

describe('displayText', () => {
  it('is idempotent on any text', () => {
    fc.assert(fc.property(hostileText, (text) => {
      expect(displayText(displayText(text))).toBe(displayText(text));
    }), { numRuns: 2000 });
  });

  it('leaves nothing but controls and spaces as empty', () => {
    expect(displayText('\u0085 \u0085')).toBe('');
  });

  it('breaks a ping opening that markup added later could close', () => {
    // "<!X|…" from a title, then a renderer's own "<https://…>" would close it into a Slack-shaped mention.
    const cleaned = displayText('<!X|team see') + ' <https://www.reddit.com/comments/abc12>';
    expect(containsMention(cleaned)).toBe(false);
    expect(containsMention(displayText('<@') + '123>')).toBe(false);
  });
});

describe('stripControls', () => {
  it('strips what displayText strips but keeps the lines, and agrees with it on one line', () => {
    expect(stripControls('a\u001b]0;t\u0007\u202eb\r\nc\u2028d\te\u0085')).toBe('a]0;tb\nc\nd\te');
    fc.assert(fc.property(hostileText, (text) => {
      expect(displayText(stripControls(text))).toBe(displayText(text));
      expect(stripControls(stripControls(text))).toBe(stripControls(text));
    }), { numRuns: 1000 });
  });
});
