import { describe, expect, it } from 'vitest';
import { renderTextReply } from '../../src/render/text.js';
import { heading, note, paragraph, postList, type Reply } from '../../src/reply/reply.js';
import { makePost } from '../helpers/posts.js';

// The terminal rendering of a Reply: plain text, readable lines, links spelt out, nothing a terminal
// would interpret.

const render = (reply: Reply, width?: number) => renderTextReply(reply, { width });

describe('renderTextReply', () => {
  it('underlines headings of level 1 and 2 and marks level 3', () => {
    expect(render({ blocks: [heading('Report', 1), heading('Week', 2), heading('r/Rag', 3)] })).toBe('Report\n======\n\nWeek\n----\n\n» r/Rag\n');
  });

  it('lists posts numbered, with community, numbers, flair, time and the URL on its own line', () => {
    const posts = Array.from({ length: 10 }, (_, i) =>
      makePost({ id: `t${i}`, title: `Title ${i}`, subreddit: 'LocalLLaMA', score: 100 - i, numComments: 5, flair: i === 0 ? 'News' : null, createdAt: '2026-02-11T05:01:00Z' }),
    );
    const text = render({ blocks: [postList(posts)] });
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([' 1. Title 0', '    r/LocalLLaMA · 100 points · 5 comments · News · 2026-02-11 05:01 UTC', '    https://www.reddit.com/comments/t0']);
    expect(lines.slice(27, 30)).toEqual(['10. Title 9', '    r/LocalLLaMA · 91 points · 5 comments · 2026-02-11 05:01 UTC', '    https://www.reddit.com/comments/t9']);
    expect(text).not.toMatch(/\|/);
  });

  it('can leave out the rank and the community', () => {
    const post = makePost({ id: 'u1', title: 'Plain', score: 3, numComments: 1, createdAt: '2026-02-10T23:59:00Z' });
    expect(render({ blocks: [postList([post], { numbered: false, showCommunity: false })] })).toBe(
      '- Plain\n  3 points · 1 comments · 2026-02-10 23:59 UTC\n  https://www.reddit.com/comments/u1\n',
    );
  });

  it('prefixes notes with their level', () => {
    expect(render({ blocks: [note('a'), note('b', 'warning'), note('c', 'error')] })).toBe('Note: a\n\nWarning: b\n\nError: c\n');
  });

  it('spells out links next to their label and keeps the spaces between spans', () => {
    const reply: Reply = { blocks: [paragraph({ text: 'Name', strong: true }, ': text. Sources: ', { text: 'A post', url: 'https://www.reddit.com/comments/x1' }, ' (r/Rag)')] };
    expect(render(reply)).toBe('Name: text. Sources: A post <https://www.reddit.com/comments/x1> (r/Rag)\n');
  });

  it('wraps paragraphs at the width without breaking a URL (a bare one in text is made inert, not linked)', () => {
    const url = 'https://www.reddit.com/comments/averyveryverylongid';
    const inert = 'https:/\u200b/www\u200b.reddit.com/comments/averyveryverylongid';
    const text = render({ blocks: [paragraph(`one two three four five six seven ${url} eight`)] }, 20);
    expect(text).toBe(`one two three four\nfive six seven\n${inert}\neight\n`);
    for (const line of text.trimEnd().split('\n')) expect(line.length <= 20 || line === inert).toBe(true);
  });

  it('decodes entities, joins lines, cuts long titles and strips terminal control sequences', () => {
    const post = makePost({ id: 'c1', title: `Q&amp;A\n\u001b[31mred\u001b[0m \u009b2J ${'x'.repeat(200)}`, subreddit: 'Rag' });
    const text = render({ blocks: [postList([post]), note('bell\u0007 and \u202eevil')] });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const first = text.split('\n')[0]!;
    expect(first.startsWith('1. Q&A [31mred[0m 2J xxx')).toBe(true);
    expect(first.endsWith('...')).toBe(true);
    expect([...first].length).toBe(103);
    expect(text).toMatch(/Note: bell and evil/);
  });
});
