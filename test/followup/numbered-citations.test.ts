import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourcePost } from '../../src/followup/context.js';
import { numberedCitations, StripMarkers } from '../../src/followup/numbered-citations.js';
import { sampleReport } from './helpers.js';

// "[n]" markers → Claude-shaped cited text blocks, and the streaming filter that hides the markers.

const report = sampleReport();
const sources: SourcePost[] = report.sections.today.slice(0, 3).map((post) => ({ post, reportDate: report.date, placements: [] }));
const urlsOf = (block: { citations: Array<{ type: string; source?: string }> | null }) => (block.citations ?? []).map((c) => c.source);

describe('numberedCitations', () => {
  it('gives the text before each run of markers the posts it cites, in every marker form', () => {
    const { content, invented } = numberedCitations('A [1]. B [2][3], C [3] [1] and D [1, 2]. E [9].', sources);
    expect(content.map((b) => b.text)).toEqual(['A', '. B', ', C', ' and D', '. E', '.']);
    const [p1, p2, p3] = sources.map((s) => s.post.url);
    expect(content.map(urlsOf)).toEqual([[p1], [p2, p3], [p3, p1], [p1, p2], [], []]);
    expect(invented).toBe(1);
  });

  it('leaves text without markers as one uncited block, and bracketed words alone', () => {
    expect(numberedCitations('No sources [here] at all.', sources)).toEqual({ content: [{ type: 'text', text: 'No sources [here] at all.', citations: null }], invented: 0 });
  });

  it('cites a post once per claim even when its number repeats', () => {
    const { content } = numberedCitations('Claim [2][2].', sources);
    expect(urlsOf(content[0]!)).toEqual([sources[1]!.post.url]);
  });
});

describe('StripMarkers', () => {
  const strip = (text: string) => text.replace(/\s*(?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\]\s*)*\[\d{1,3}(?:\s*,\s*\d{1,3})*\]/g, '');

  it('removes markers split across deltas and keeps everything else', () => {
    const s = new StripMarkers();
    const out = ['Seedance leads [', '1', '] and Kimi [2,', ' 3] follows [x] ', 'too.'].map((d) => s.push(d)).join('') + s.end();
    expect(out).toBe('Seedance leads and Kimi follows [x] too.');
  });

  it('gives the same text however the stream is cut', () => {
    const piece = fc.constantFrom('Qwen ', 'leads', ' [1]', '[12]', ' [3, 4]', '.', ' [', 'x]', '\n', '2026', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }), (parts, cuts) => {
        const text = parts.join('');
        const deltas: string[] = [];
        let at = 0;
        for (const cut of cuts) {
          if (at >= text.length) break;
          deltas.push(text.slice(at, at + cut));
          at += cut;
        }
        deltas.push(text.slice(at));
        const s = new StripMarkers();
        expect(deltas.map((d) => s.push(d)).join('') + s.end()).toBe(strip(text));
      }),
    );
  });
});
