import type { AnalysisSections } from '../../src/models/analysis.js';

/**
 * Sections as a model writes them under strict structured output: every field of the JSON schema is
 * present, so each highlight item carries its `commenters` (empty when it quotes no one). The fake
 * OpenAI-compatible server checks scripted answers against the request's schema, as strict servers do.
 */
export function strictModelAnswer(sections: AnalysisSections): AnalysisSections {
  return {
    ...sections,
    highlights: sections.highlights.map((theme) => ({ ...theme, items: theme.items.map((item) => ({ ...item, commenters: item.commenters ?? [] })) })),
  };
}
