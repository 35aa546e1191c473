import { z } from 'zod';
import type { AnalysisSections } from '../models/analysis.js';

// The analysis as the model must return it: a JSON schema for structured output (every object closed,
// every field required, as structured outputs ask), and a zod parser that reads the answer back.

const claimJson = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'postIds'],
  properties: { text: { type: 'string' }, postIds: { type: 'array', items: { type: 'string' } } },
};
const claimsJson = { type: 'array', items: claimJson };

export const analysisJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['highlights', 'weekly', 'monthly', 'deepDive', 'communityHighlights'],
  properties: {
    highlights: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['theme', 'items'],
        properties: {
          theme: { type: 'string' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'summary', 'whyItMatters', 'postIds', 'commenters'],
              properties: {
                name: { type: 'string' },
                summary: { type: 'string' },
                whyItMatters: { type: 'string' },
                postIds: { type: 'array', items: { type: 'string' } },
                // Exact words from a comment of <reddit_data>, with its id; grounding checks them word for word.
                commenters: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['commentId', 'quote'],
                    properties: { commentId: { type: 'string' }, quote: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    weekly: {
      type: 'object',
      additionalProperties: false,
      required: ['persistent', 'emerging', 'fading'],
      properties: { persistent: claimsJson, emerging: claimsJson, fading: claimsJson },
    },
    monthly: claimsJson,
    deepDive: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'postId', 'body'],
      properties: { title: { type: 'string' }, postId: { type: 'string' }, body: claimsJson },
    },
    communityHighlights: {
      type: 'object',
      additionalProperties: false,
      required: ['communities', 'crossCutting', 'niche'],
      properties: {
        communities: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['subreddit', 'focus'],
            properties: { subreddit: { type: 'string' }, focus: claimsJson },
          },
        },
        crossCutting: claimsJson,
        niche: claimsJson,
      },
    },
  },
} as const;

// Reading back is lenient about missing lists (an empty list loses nothing) and strict about types.
const text = z.string().max(4_000);
const ids = z.array(z.string().max(20)).max(20);
const claim = z.object({ text, postIds: ids });
const claims = z.array(claim).max(30).default([]);

const analysisParser = z.object({
  highlights: z
    .array(
      z.object({
        theme: text,
        items: z
          .array(
            z.object({
              name: text,
              summary: text,
              whyItMatters: text.default(''),
              postIds: ids,
              commenters: z.array(z.object({ commentId: z.string().max(40), quote: z.string().max(1_000) })).max(10).default([]),
            }),
          )
          .max(10),
      }),
    )
    .max(10)
    .default([]),
  weekly: z.object({ persistent: claims, emerging: claims, fading: claims }).default({ persistent: [], emerging: [], fading: [] }),
  monthly: claims,
  deepDive: z.object({ title: text, postId: z.string().max(20), body: claims }).nullable().default(null),
  communityHighlights: z
    .object({ communities: z.array(z.object({ subreddit: z.string().max(50), focus: claims })).max(30).default([]), crossCutting: claims, niche: claims })
    .default({ communities: [], crossCutting: [], niche: [] }),
});

export class AnalysisFormatError extends Error {
  override name = 'AnalysisFormatError';
}

/** Parses the model's JSON text; throws AnalysisFormatError naming what was wrong. */
export function parseAnalysisJson(raw: string): AnalysisSections {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AnalysisFormatError(`the analysis was not valid JSON (${raw.length} characters)`);
  }
  const parsed = analysisParser.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AnalysisFormatError(`the analysis JSON did not match the schema (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
  }
  return parsed.data;
}
