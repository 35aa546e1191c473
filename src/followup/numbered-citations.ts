import type { TextBlock, TextCitation } from '@anthropic-ai/sdk/resources/messages';
import type { SourcePost } from './context.js';

// "[n]" citations of a model without native citations → the text blocks with citations that Claude
// returns, so one grounding (grounding.ts) serves both: the text before a run of markers is the claim
// they cite, each number becomes a citation of its post, and a number that matches no source is dropped
// (with its marker) and counted. Markers are "[3]", "[3][5]", "[3] [5]" and "[3, 5]".

const markerRun = /\s*(?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\]\s*)*\[\d{1,3}(?:\s*,\s*\d{1,3})*\]/g;

export interface NumberedCitations {
  content: TextBlock[];
  /** Numbers cited that match no source. */
  invented: number;
}

export function numberedCitations(text: string, sources: SourcePost[]): NumberedCitations {
  const content: TextBlock[] = [];
  let invented = 0;
  let last = 0;
  for (const run of text.matchAll(markerRun)) {
    const claim = text.slice(last, run.index);
    const citations: TextCitation[] = [];
    for (const n of run[0].match(/\d+/g) ?? []) {
      const source = sources[Number(n) - 1];
      if (!source) {
        invented++;
        continue;
      }
      if (!citations.some((c) => c.type === 'search_result_location' && c.source === source.post.url)) citations.push(citationOf(source, Number(n) - 1, claim));
    }
    // The whitespace before the markers separates them from the claim; grounding puts its own there.
    content.push({ type: 'text', text: claim, citations: citations.length ? citations : null });
    last = run.index + run[0].length;
  }
  if (last < text.length || content.length === 0) content.push({ type: 'text', text: text.slice(last), citations: null });
  return { content, invented };
}

function citationOf(source: SourcePost, index: number, claim: string): TextCitation {
  return {
    type: 'search_result_location',
    source: source.post.url,
    title: source.post.title,
    cited_text: claim.trim(),
    search_result_index: index,
    start_block_index: 0,
    end_block_index: 1,
  };
}

/**
 * Streaming: the text as it is written, without its "[n]" markers (they number the sources, not the
 * links the final answer shows, and some are invented). The final, grounded reply shows the real ones.
 */
export class StripMarkers {
  private held = '';

  push(delta: string): string {
    const text = this.held + delta;
    const cut = holdFrom(text);
    this.held = text.slice(cut);
    return text.slice(0, cut).replace(markerRun, '');
  }

  end(): string {
    const rest = this.held.replace(markerRun, '');
    this.held = '';
    return rest;
  }
}

/** Where a possible unfinished marker (or whitespace that may precede one) starts at the end of `text`. */
function holdFrom(text: string): number {
  const open = text.lastIndexOf('[');
  if (open !== -1 && /^\[[\d,\s]*$/.test(text.slice(open))) {
    // Also hold the complete markers and whitespace just before it: they belong to the same run.
    const before = /(?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*\s*$/.exec(text.slice(0, open));
    return open - (before?.[0].length ?? 0);
  }
  // Trailing whitespace may be the start of " [3]": hold it until the next delta shows.
  return text.length - (/\s*$/.exec(text)?.[0].length ?? 0);
}
