import { describe, expect, it } from 'vitest';
import { renderDiscordMarkdown } from './discord-markdown.js';
import { renderSlackMrkdwn } from './slack-mrkdwn.js';

// The renderers behind the README's pictures: what the platform would show as markup becomes markup,
// and nothing else does. A title is shown as text whatever it holds.

describe('Discord Markdown to HTML', () => {
  it('renders a morning post line as Discord does: a masked link, escapes shown as characters, bold, italic', () => {
    const html = renderDiscordMarkdown('**Seedance 2.0** \\[1, 2\\]: 4 posts \\(also \\#2 above\\). *Why it matters:* new.\n\n1. [Banger \\(tweet\\)](<https://www.reddit.com/comments/1r1lmcy>) · r/singularity · ▲1,956');
    expect(html).toBe(
      '<p><strong>Seedance 2.0</strong> [1, 2]: 4 posts (also #2 above). <em>Why it matters:</em> new.</p>\n' +
        '<ol><li><a href="https://www.reddit.com/comments/1r1lmcy" target="_blank" rel="noopener">Banger (tweet)</a> · r/singularity · ▲1,956</li></ol>',
    );
  });

  it('headings, block quotes and a numbered list that starts past 1', () => {
    expect(renderDiscordMarkdown('# Report\n## Today\n### Topic\n> ⚠️ a note\n> second\n3. three\n4. four')).toBe(
      '<h1>Report</h1>\n<h2>Today</h2>\n<h3>Topic</h3>\n<blockquote>⚠️ a note<br>second</blockquote>\n<ol start="3"><li>three</li><li>four</li></ol>',
    );
  });

  it('a title with <script> or & shows as text, and a link only where the message had one', () => {
    const html = renderDiscordMarkdown('[<script>alert(1)</script> & friends](<https://www.reddit.com/r/x>) example.com <img src=x onerror=alert(1)>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends</a>');
    expect(html).toContain(' example.com &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('a bare http(s) URL is a link (Discord links them); javascript: in a masked link is not', () => {
    expect(renderDiscordMarkdown('see https://www.reddit.com/r/LocalLLaMA.')).toBe('<p>see <a href="https://www.reddit.com/r/LocalLLaMA" target="_blank" rel="noopener">https://www.reddit.com/r/LocalLLaMA</a>.</p>');
    const html = renderDiscordMarkdown('[click](javascript:alert(1))');
    expect(html).not.toContain('<a');
    expect(html).not.toContain('href');
  });

  it('escaped asterisks and snake_case stay text', () => {
    expect(renderDiscordMarkdown('2 \\* 3 \\* 4 and my_model_name')).toBe('<p>2 * 3 * 4 and my_model_name</p>');
  });
});

describe('Slack mrkdwn to HTML', () => {
  it('renders a morning post line as Slack does: a bold link, Slack entities as characters, italic', () => {
    expect(renderSlackMrkdwn('[4] *<https://www.reddit.com/comments/1r14h9u|Train MoE 12x faster (&lt;15GB VRAM)>* (r/LocalLLaMA) _Why it matters:_ new')).toBe(
      '[4] <strong><a href="https://www.reddit.com/comments/1r14h9u" target="_blank" rel="noopener">Train MoE 12x faster (&lt;15GB VRAM)</a></strong> (r/LocalLLaMA) <em>Why it matters:</em> new',
    );
  });

  it('a title with <script> or & shows as text; only <url|text> becomes a link', () => {
    const html = renderSlackMrkdwn('<https://www.reddit.com/r/x|&lt;script&gt;alert(1)&lt;/script&gt; &amp; co> <script>alert(2)</script> a & b example.com <@U123>');
    expect(html).toContain('>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</a>');
    expect(html).toContain(' &lt;script&gt;alert(2)&lt;/script&gt; a &amp; b example.com &lt;@U123&gt;');
    expect(html).not.toContain('<script');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('a _ inside a link’s URL is not italic; lines and quotes are kept', () => {
    expect(renderSlackMrkdwn('<https://example.org/a_b_c>\n&gt; quoted *bold*\nlast')).toBe(
      '<a href="https://example.org/a_b_c" target="_blank" rel="noopener">https://example.org/a_b_c</a><blockquote>quoted <strong>bold</strong></blockquote>last',
    );
  });

  it('a <javascript:…|text> link is not a link', () => {
    expect(renderSlackMrkdwn('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
  });
});
