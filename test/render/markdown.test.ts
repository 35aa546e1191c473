import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, Report } from '../../src/models.js';
import { formatUtc, renderMarkdownReport } from '../../src/render/markdown.js';
import { cellText, escapeMarkdown } from '../../src/render/markdown-escape.js';
import { buildReport } from '../../src/report/build.js';
import { cells, countDividers, labelOf, liveEntity, tables, unescaped } from '../helpers/markdown.js';
import { ago, DAY, makePost, NOW } from '../helpers/posts.js';

function reportWith(posts: Post[], warnings: string[] = []): Report {
  return buildReport(posts, NOW, warnings);
}

function render(posts: Post[]): string {
  return renderMarkdownReport(reportWith(posts));
}

// ---- tests ----

describe('report layout', () => {
  const md = render([
    makePost({ id: 'a1', subreddit: 'LocalLLaMA', score: 30 }),
    makePost({ id: 'a2', subreddit: 'singularity', score: 20, createdAt: ago(3 * DAY) }),
    makePost({ id: 'a3', subreddit: 'Rag', score: 10, createdAt: ago(20 * DAY) }),
  ]);

  it('has the title and the sections in the reference order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Reddit AI Trend Report - 2026-02-11',
      "## Today's Trending Posts",
      '## Weekly Popular Posts',
      '## Monthly Popular Posts',
      '## Top Posts by Community (Past 24 Hours)',
      '### r/LocalLLaMA',
    ]);
    expect(md.startsWith('# Reddit AI Trend Report - 2026-02-11\n')).toBe(true);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('has the reference columns in each table', () => {
    const [today, week, month, community] = tables(md);
    expect(cells(today![0]!)).toEqual(['Title', 'Community', 'Score', 'Comments', 'Category', 'Posted']);
    expect(cells(week![0]!)).toEqual(['#', 'Title', 'Community', 'Score', 'Comments', 'Category', 'Posted']);
    expect(cells(month![0]!)).toEqual(['#', 'Title', 'Community', 'Score', 'Comments', 'Category', 'Posted']);
    expect(cells(community![0]!)).toEqual(['Title', 'Score', 'Comments', 'Category', 'Posted']);
    for (const table of tables(md)) {
      expect(cells(table[1]!).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
      expect(countDividers(table[1]!)).toBe(countDividers(table[0]!));
    }
  });

  it('fills a row with link, community link, numbers, flair and UTC time', () => {
    const post = makePost({ id: 'row1', title: 'A title', subreddit: 'MachineLearning', score: 1234, numComments: 56, flair: 'Discussion', createdAt: '2026-02-11T05:01:30Z' });
    const rows = tables(render([post]));
    expect(cells(rows[0]![2]!)).toEqual([
      '[A title](https://www.reddit.com/comments/row1)',
      '[r/MachineLearning](https://www.reddit.com/r/MachineLearning)',
      '1234',
      '56',
      'Discussion',
      '2026-02-11 05:01 UTC',
    ]);
    expect(cells(rows[3]![2]!)).toEqual(['[A title](https://www.reddit.com/comments/row1)', '1234', '56', 'Discussion', '2026-02-11 05:01 UTC']);
  });

  it('numbers the weekly and monthly rows from 1', () => {
    const posts = [3, 2, 1].map((n) => makePost({ id: `n${n}`, score: n }));
    const [, week, month] = tables(render(posts));
    expect(week!.slice(2).map((l) => cells(l)[0])).toEqual(['1', '2', '3']);
    expect(month!.slice(2).map((l) => cells(l)[0])).toEqual(['1', '2', '3']);
  });

  it("cuts a long flair at Reddit's 64 characters, and still defuses what it keeps", () => {
    // The hostile part sits in the first 64 characters: it survives the cut, so only defusing can make it inert.
    const flair = `@everyone https://evil.example/x ${'flair '.repeat(100)}`;
    const [today] = tables(render([makePost({ flair })]));
    const cell = cells(today![2]!)[4]!;
    expect(cell.endsWith('...')).toBe(true);
    expect([...new Intl.Segmenter().segment(cell)].length).toBeLessThanOrEqual(64 + 10); // escapes add a few backslashes
    expect(cell).toContain('@\u200deveryone');
    expect(cell).toContain('https:/\u200b/evil.example/x');
    expect(cell).not.toMatch(/@everyone|https:\/\//);
  });

  it('leaves the Category cell empty when there is no flair', () => {
    const [today] = tables(render([makePost({ flair: null })]));
    expect(cells(today![2]!)[4]).toBe('');
  });

  it('writes a short note instead of an empty table', () => {
    const empty = renderMarkdownReport(reportWith([]));
    expect(tables(empty)).toEqual([]);
    const sections = empty.split(/^## /m).slice(1);
    expect(sections).toHaveLength(4);
    for (const section of sections) {
      const body = section.slice(section.indexOf('\n')).trim();
      expect(body.length).toBeGreaterThan(0);
      expect(body.length).toBeLessThan(120);
      expect(body).not.toContain('|');
    }
  });

  it('notes an empty Today while the week still has its table', () => {
    const md = render([makePost({ id: 'quiet', numComments: 2 })]);
    const today = md.slice(md.indexOf("## Today's"), md.indexOf('## Weekly'));
    expect(today).not.toContain('|');
    expect(tables(md)).toHaveLength(2);
  });

  it('puts the analysis after the sections, and lists warnings last', () => {
    const report = reportWith([makePost()], ['r/gone: not found (404)']);
    const analysis: NonNullable<Report['analysis']> = {
      sections: {
        highlights: [],
        weekly: { persistent: [], emerging: [], fading: [] },
        monthly: [],
        deepDive: null,
        communityHighlights: { communities: [], crossCutting: [], niche: [] },
      },
      citations: {},
      model: null,
      usage: null,
      source: 'offline',
      language: 'en',
      hasHistory: false,
    };
    const md = renderMarkdownReport({ ...report, analysis });
    expect(md.indexOf('## Trend Analysis')).toBeGreaterThan(md.indexOf('## Top Posts by Community'));
    expect(md.indexOf('## Trend Analysis')).toBeLessThan(md.indexOf('r/gone'));
    expect(renderMarkdownReport(report)).not.toContain('Trend Analysis');
    expect(renderMarkdownReport(reportWith([makePost()]))).not.toMatch(/Notes|warning/i);
  });
});

describe('table rows never break', () => {
  const nasty = [
    makePost({ id: 'pipe', title: 'A | B || C |', flair: 'Tutorial | Guide', score: 9 }),
    makePost({ id: 'slashpipe', title: 'ends with a backslash \\| and a pipe \\', flair: 'x\\', score: 8 }),
    makePost({ id: 'lines', title: 'first line\nsecond\r\nthird\tfourth', flair: 'multi\nline', score: 7 }),
    makePost({ id: 'long', title: `${'|'.repeat(70)}`, score: 6 }),
  ];
  const md = render(nasty);

  it('every row has as many unescaped dividers as its header', () => {
    const all = tables(md);
    expect(all.length).toBe(4); // today, week, month, r/LocalLLaMA
    for (const table of all) {
      const expected = countDividers(table[0]!);
      for (const line of table) expect(countDividers(line), line).toBe(expected);
    }
  });

  it('keeps the text of a pipe visible (escaped, not dropped)', () => {
    expect(labelOf(md, 'pipe')).toBe('A \\| B \\|\\| C \\|');
    expect(md).toContain('| Tutorial \\| Guide |');
  });

  it('turns newlines and tabs in a title or flair into spaces', () => {
    expect(labelOf(md, 'lines')).toBe('first line second third fourth');
    expect(md).toContain('| multi line |');
    // Each row is one line: no line of the output is a stray piece of a title.
    for (const line of md.split('\n')) expect(line.includes('second') ? line.startsWith('|') : true).toBe(true);
  });
});

describe('escaping', () => {
  it('stops brackets, emphasis, code and angle brackets from becoming markup', () => {
    const title = '[D] see [this](http://evil.example) *bold* _it_ __x__ `code` <b>hi</b> ~~s~~';
    const md = render([makePost({ id: 'esc', title, flair: '*flair* _x_ [y]' })]);
    const label = labelOf(md, 'esc');
    expect(unescaped(label, '[]*_`<>')).toEqual([]);
    // Unescaping gives back the original text (the URL made inert by a zero-width space, so not linked).
    expect(label.replace(/\\(.)/g, '$1')).toBe(title.replace('http://', 'http:/\u200b/'));
    expect(md).toContain('\\*flair\\* \\_x\\_ \\[y\\]');
  });

  it('escapes the subreddit name in headings and links (AI_Agents)', () => {
    const md = render([makePost({ subreddit: 'AI_Agents' })]);
    expect(md).toContain('### r/AI\\_Agents');
    expect(md).toContain('[r/AI\\_Agents](https://www.reddit.com/r/AI_Agents)');
  });

  it('escapeMarkdown escapes a backslash so it cannot escape the next character', () => {
    expect(escapeMarkdown('a\\|b')).toBe('a\\\\\\|b');
    expect(countDividers(`| ${escapeMarkdown('x\\')} |`)).toBe(2);
  });

  it('escapeMarkdown keeps a lone & but makes an entity-shaped one literal', () => {
    expect(escapeMarkdown('Q&A, Space & Astro, AT&T')).toBe('Q&A, Space & Astro, AT&T');
    expect(escapeMarkdown('&copy; &#169; &#xA9;')).toBe('\\&copy; \\&#169; \\&#xA9;');
  });

  it('has no \\" or \\\' artifacts: quotes are written as they are', () => {
    const md = render([
      makePost({ id: 'q1', title: '"Will Smith Eating Spaghetti" By Seedance', flair: "It's \"news\"" }),
      makePost({ id: 'q2', title: "Anthropic's plan ‘quoted’ “curly”" }),
    ]);
    expect(md).not.toContain('\\"');
    expect(md).not.toContain("\\'");
    expect(labelOf(md, 'q1')).toBe('"Will Smith Eating Spaghetti" By Seedance');
    expect(labelOf(md, 'q2')).toBe("Anthropic's plan ‘quoted’ “curly”");
  });

  it('has no &nbsp; or any other HTML entity in the output, even if one slipped into a title or flair', () => {
    const md = render([
      makePost({ id: 'nbsp', title: 'No Problem.\u00a0My 2018 "Potato"', flair: 'Q&A' }),
      makePost({ id: 'ent', title: 'Tom &amp; Jerry&nbsp;&quot;x&quot; it&#39;s &#x27;y&#x27; &copy; &lt;3', flair: 'Tutorial &amp; Guide' }),
    ]);
    expect(md).not.toContain('&nbsp;');
    expect(md.match(liveEntity)).toBeNull();
    expect(labelOf(md, 'nbsp')).toBe('No Problem. My 2018 "Potato"');
    expect(md).toContain('| Q&A |');
  });
});

describe("title length: whole up to Reddit's 300 visible characters", () => {
  const ascii = (n: number) => 'abcdefghij'.repeat(31).slice(0, n);

  it('keeps a long real title whole (the reference cut them at 60: "Seedance 2 anime fight scenes (Pokemon, Demon Slayer, Dra...")', () => {
    const title = 'Seedance 2 anime fight scenes (Pokemon, Demon Slayer, Dragon Ball, One Piece) are getting out of hand';
    const md = render([makePost({ id: 'long', title })]);
    expect(labelOf(md, 'long').replace(/\\(.)/g, '$1')).toBe(title);
  });

  it('keeps exactly 300 whole and cuts 301 to the first 297 and "..."', () => {
    const md = render([makePost({ id: 's300', title: ascii(300) }), makePost({ id: 's301', title: ascii(301) })]);
    expect(labelOf(md, 's300')).toBe(ascii(300));
    expect(labelOf(md, 's301')).toBe(ascii(297) + '...');
  });

  it('counts graphemes: emoji sequences and combining accents are one character each', () => {
    const dev = '\u{1F468}\u200d\u{1F4BB}'; // 👨‍💻, a ZWJ sequence
    const flag = '\u{1F1EF}\u{1F1F5}'; // 🇯🇵
    const e = 'e\u0301';
    const full = ascii(295) + dev + flag + e + e + '!';
    const md = render([makePost({ id: 'g300', title: full }), makePost({ id: 'g301', title: dev.repeat(301) }), makePost({ id: 'e301', title: e.repeat(301) })]);
    expect(labelOf(md, 'g300')).toBe(full);
    expect(labelOf(md, 'g301')).toBe(dev.repeat(297) + '...');
    expect(labelOf(md, 'e301')).toBe(e.repeat(297) + '...');
  });

  it('counts what the reader sees, not escapes: 300 characters with Markdown specials stay whole', () => {
    const title = '[D] ' + '*_'.repeat(148);
    expect(title).toHaveLength(300);
    const md = render([makePost({ id: 'sp', title })]);
    expect(labelOf(md, 'sp').replace(/\\(.)/g, '$1')).toBe(title);
  });

  it('collapses whitespace before counting', () => {
    const md = render([makePost({ id: 'ws', title: ascii(30) + '\n\n\n\n\n' + ascii(29) })]);
    expect(labelOf(md, 'ws')).toBe(ascii(30) + ' ' + ascii(29));
  });

  it('cellText without a limit never truncates (flair)', () => {
    expect(cellText(ascii(100))).toBe(ascii(100));
  });
});

describe('times are UTC, whatever the process time zone', () => {
  const savedTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('formats 2026-02-27T05:01Z as 2026-02-27 05:01 UTC, although it is still the 26th in Los Angeles', () => {
    const instant = new Date('2026-02-27T05:01:59Z');
    // Guard: the zone really changed, so this test would catch a renderer that used local time.
    expect(instant.getDate()).toBe(26);
    expect(instant.getHours()).toBe(21);
    expect(formatUtc('2026-02-27T05:01:59Z')).toBe('2026-02-27 05:01 UTC');
    expect(formatUtc('2026-02-27T05:01:00.000Z')).toBe('2026-02-27 05:01 UTC');
  });

  it('converts an offset time to UTC', () => {
    expect(formatUtc('2026-02-26T21:01:00-08:00')).toBe('2026-02-27 05:01 UTC');
  });

  it('the whole report shows UTC times and the UTC date', () => {
    const now = new Date('2026-02-27T06:00:00Z');
    const report = buildReport([makePost({ id: 'tz', createdAt: '2026-02-27T05:01:00Z' })], now);
    const md = renderMarkdownReport(report);
    expect(md).toContain('# Reddit AI Trend Report - 2026-02-27');
    expect(md).toContain('| 2026-02-27 05:01 UTC |');
    expect(md).not.toContain('2026-02-26');
  });
});

describe('selection reaches the page unchanged', () => {
  it('renders today, week, month and communities in the order selected', () => {
    const posts = [
      makePost({ id: 'x1', subreddit: 'singularity', score: 30 }),
      makePost({ id: 'x2', subreddit: 'AI_Agents', score: 20 }),
      makePost({ id: 'x3', subreddit: 'datascience', score: 10, createdAt: ago(2 * DAY) }),
    ];
    const md = render(posts);
    const order = (id: string) => md.indexOf(`comments/${id})`);
    expect(order('x1')).toBeLessThan(order('x2'));
    const communities = md.slice(md.indexOf('## Top Posts by Community'));
    expect(communities.indexOf('### r/AI\\_Agents')).toBeLessThan(communities.indexOf('### r/singularity'));
    expect(communities).not.toContain('datascience');
  });
});
