import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { countDividers, tables } from '../helpers/markdown.js';

// Golden test: the report built from the bundled sample (now = 2026-02-11T08:00:00Z), rendered to Markdown,
// must equal test/render/sample-report.expected.md byte for byte. After a deliberate change to selection
// or rendering, run `npx vitest run test/render/sample-report.test.ts -u` and read the diff before committing.
//
// Where the expected file differs from ../shared/reference/report-2026-02-11.md, the reference is wrong:
// - Today includes 1r0wr5l ("Seedance 2 anime fight scenes", 2026-02-10 09:59 UTC, 156 comments): it is
//   inside (now − 24 h, now], so it takes 5th place and 1r15wfm (score 270) drops to 11th.
// - Month includes 1r1lmcy and 1r1auy1 (this week's top posts, inside 30 days), pushing out 1qztws0 and 1qr4p4x.
// - r/MachineLearning: two posts tie on 82 points; 1r0xtzd (47 comments) ranks before 1r12nb0 (37).
// - Communities are ordered case-insensitively (datascience after AI_Agents, LocalLLaMA before LocalLLM).
// - No \" \' or &nbsp;, `|` in a flair escaped, titles cut by visible characters, heading "(Past 24 Hours)".

describe('the bundled sample report', () => {
  const savedTz = process.env.TZ;
  let markdown = '';

  beforeAll(() => {
    // A zone where 2026-02-11 02:54 UTC is still the 10th: the file must not depend on the machine's zone.
    process.env.TZ = 'America/Los_Angeles';
    const { now, posts } = loadSample();
    expect(now.toISOString()).toBe('2026-02-11T08:00:00.000Z');
    markdown = renderMarkdownReport(buildReport(posts, now, [], { mode: 'sample', numbersMissing: false }));
  });

  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('matches the committed expected Markdown', async () => {
    await expect(markdown).toMatchFileSnapshot('./sample-report.expected.md');
  });

  // Independent checks, so a wrong expected file cannot be blessed by accident.
  it('follows the rules the reference broke', () => {
    const lines = markdown.split('\n');
    expect(lines.filter((l) => l.startsWith('### r/'))).toEqual([
      '### r/AI\\_Agents',
      '### r/datascience',
      '### r/LocalLLaMA',
      '### r/LocalLLM',
      '### r/MachineLearning',
      '### r/Rag',
      '### r/singularity',
    ]);
    const ml = markdown.slice(markdown.indexOf('### r/MachineLearning'), markdown.indexOf('### r/Rag'));
    expect(ml.indexOf('1r0xtzd')).toBeLessThan(ml.indexOf('1r12nb0'));
    expect(markdown).not.toMatch(/\\["']|&nbsp;|(?<!\\)&#?[a-z0-9]+;/i);
    expect(markdown).toContain('| Tutorial \\| Guide |');
    const all = tables(markdown);
    expect(all.map((t) => countDividers(t[0]!))).toEqual([7, 8, 8, 6, 6, 6, 6, 6, 6, 6]);
    for (const table of all) for (const line of table) expect(countDividers(line), line).toBe(countDividers(table[0]!));
    expect(all.map((t) => t.length - 2)).toEqual([10, 20, 20, 3, 1, 3, 3, 3, 3, 3]);
  });
});
