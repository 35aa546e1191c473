import type { AnalysisSections } from '../models/analysis.js';

// The analysis schema with bounds, for servers that constrain the model's output to it (llama.cpp's and
// Ollama's grammars, vLLM's guided decoding): every list has maxItems, every text maxLength, and a post id
// can only be one of the report's own ids (an enum; a pattern when none is known). A grammar then closes
// the JSON well inside max_tokens, which is set from the same bounds (schemaTokenBound): unbounded, a small
// model wrote on until max_tokens and llama-server answered 500, the JSON cut in the middle. The bounds
// are an editor's: a morning briefing has at most three themes of three stories.
// Lengths stay modest: llama.cpp compiles a bounded string into a repetition, and long ones (2,000 and
// more) have made its grammar compiler give up ("failed to parse grammar").

export type SectionName = keyof AnalysisSections;
export const allSections: readonly SectionName[] = ['highlights', 'weekly', 'monthly', 'deepDive', 'communityHighlights'];

/** What the schema may name: the report's posts, the comments given with them, its communities. */
export interface SchemaVocabulary {
  postIds: readonly string[];
  commentIds: readonly string[];
  communities: readonly string[];
}

/** 'full' when the whole analysis fits one call; 'compact' for a small context (fewer, shorter items). */
export type SchemaSize = 'full' | 'compact';

interface Sizes {
  themes: number;
  items: number;
  name: number;
  summary: number;
  why: number;
  quotes: number;
  quote: number;
  claims: number;
  claim: number;
  diveBody: number;
  diveClaim: number;
  communities: number;
  shared: number;
}

const sizes: Record<SchemaSize, Sizes> = {
  full: { themes: 3, items: 3, name: 80, summary: 360, why: 180, quotes: 2, quote: 180, claims: 3, claim: 240, diveBody: 4, diveClaim: 300, communities: 8, shared: 2 },
  compact: { themes: 3, items: 2, name: 70, summary: 280, why: 140, quotes: 1, quote: 150, claims: 2, claim: 200, diveBody: 3, diveClaim: 260, communities: 6, shared: 1 },
};

const POST_ID_PATTERN = '^[A-Za-z0-9_]{1,20}$';
const COMMENT_ID_PATTERN = '^[A-Za-z0-9_]{1,20}-c[0-9]{1,2}$';

const text = (maxLength: number) => ({ type: 'string', maxLength });
const oneOf = (values: readonly string[], pattern: string) => (values.length > 0 ? { type: 'string', enum: [...values] } : { type: 'string', pattern });
const list = (items: object, maxItems: number) => ({ type: 'array', items, maxItems });
const object = (properties: Record<string, object>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });

/** The JSON schema of `sections` of the analysis, bounded for `vocabulary` at `size`. */
export function boundedAnalysisSchema(sections: readonly SectionName[], vocabulary: SchemaVocabulary, size: SchemaSize = 'full'): Record<string, unknown> {
  const s = sizes[size];
  const postIds = (max: number) => list(oneOf(vocabulary.postIds, POST_ID_PATTERN), max);
  const claim = (max = s.claim) => object({ text: text(max), postIds: postIds(4) });
  const claims = (maxItems = s.claims) => list(claim(), maxItems);
  const parts: Record<SectionName, object> = {
    highlights: list(
      object({
        theme: text(60),
        items: list(
          object({
            name: text(s.name),
            summary: text(s.summary),
            whyItMatters: text(s.why),
            postIds: postIds(4),
            commenters: list(object({ commentId: oneOf(vocabulary.commentIds, COMMENT_ID_PATTERN), quote: text(s.quote) }), vocabulary.commentIds.length > 0 ? s.quotes : 0),
          }),
          s.items,
        ),
      }),
      s.themes,
    ),
    weekly: object({ persistent: claims(), emerging: claims(), fading: claims() }),
    monthly: claims(),
    deepDive: object({ title: text(100), postId: oneOf(vocabulary.postIds, POST_ID_PATTERN), body: list(claim(s.diveClaim), s.diveBody) }),
    communityHighlights: object({
      communities: list(object({ subreddit: oneOf(vocabulary.communities, '^[A-Za-z0-9_]{2,21}$'), focus: claims(1) }), Math.max(1, Math.min(s.communities, vocabulary.communities.length))),
      crossCutting: claims(s.shared),
      niche: claims(s.shared),
    }),
  };
  return object(Object.fromEntries(sections.map((name) => [name, parts[name]])));
}

/**
 * The most characters a JSON document matching `schema` can have (compact JSON, no escapes): what a
 * grammar-constrained answer writes at the most.
 */
export function schemaCharsBound(schema: unknown): number {
  const node = schema as { type?: string; properties?: Record<string, unknown>; items?: unknown; maxItems?: number; maxLength?: number; enum?: string[]; pattern?: string };
  switch (node?.type) {
    case 'object':
      return 2 + Object.entries(node.properties ?? {}).reduce((sum, [key, value]) => sum + key.length + 4 + schemaCharsBound(value), 0);
    case 'array':
      return 2 + (node.maxItems ?? 20) * (schemaCharsBound(node.items) + 1);
    case 'string':
      if (node.enum) return 2 + Math.max(0, ...node.enum.map((v) => v.length));
      return 2 + (node.maxLength ?? (node.pattern ? 30 : 2_000));
    default:
      return 16;
  }
}

/**
 * Tokens to allow for an answer to `schema`: its character bound at 2.5 characters a token (English JSON
 * runs 3 to 4), and room for a short preamble or whitespace a template adds.
 */
export function schemaTokenBound(schema: unknown): number {
  return Math.ceil(schemaCharsBound(schema) / 2.5) + 64;
}
