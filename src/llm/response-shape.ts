import { z } from 'zod';
import type { ModelSetting } from './guarded-fetch.js';

// What a model server's 200 must look like before anything reads it. The SDKs hand back whatever the
// body parsed to, typed as a completion: `null`, or a proxy's or web UI's HTML page (the SDK returns
// text it cannot parse as JSON as a string), then crashed the report on `.usage`. Each answer is checked
// here; one that does not fit is a NotAnAnswerError naming what came back and the setting to look at.
// Only the fields the bot reads are checked, and leniently where a local server may differ (usage is
// dropped, not fatal, when malformed: it only feeds the cost estimate).

/** A 200 whose body is not the answer the API would send. */
export class NotAnAnswerError extends Error {
  override name = 'NotAnAnswerError';
}

const count = z.number().int().nonnegative().optional().nullable();
/** Malformed usage is dropped (counted as none), not fatal. */
const lenientUsage = <T extends z.ZodType>(shape: T) => shape.nullable().optional().catch(null);

const openAIUsage = lenientUsage(
  z.looseObject({
    prompt_tokens: count,
    completion_tokens: count,
    total_tokens: count,
    prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullable().optional().catch(null),
  }),
);

export const openAICompletionShape = z.looseObject({
  model: z.unknown().optional(),
  choices: z
    .array(
      z.looseObject({
        finish_reason: z.string().nullable().optional(),
        message: z.looseObject({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
      }),
    )
    .min(1),
  usage: openAIUsage,
});

export const openAIChunkShape = z.looseObject({
  model: z.unknown().optional(),
  // The last chunk of a stream with include_usage has no choice; some servers leave the field out.
  choices: z
    .array(
      z.looseObject({
        finish_reason: z.string().nullable().optional(),
        delta: z.looseObject({ content: z.string().nullable().optional() }).nullable().optional(),
      }),
    )
    .optional()
    .default([]),
  usage: openAIUsage,
});

export const anthropicMessageShape = z.looseObject({
  model: z.unknown().optional(),
  content: z.array(z.union([z.looseObject({ type: z.literal('text'), text: z.string(), citations: z.array(z.unknown()).nullable().optional() }), z.looseObject({ type: z.string() })])),
  stop_reason: z.string().nullable().optional(),
  usage: lenientUsage(z.looseObject({ input_tokens: count, output_tokens: count, cache_creation_input_tokens: count, cache_read_input_tokens: count })),
});

const what = { OPENAI_BASE_URL: 'a chat completion', ANTHROPIC_BASE_URL: 'a Messages API response' } as const;
const hint = {
  OPENAI_BASE_URL: "is it the API's /v1 address?",
  ANTHROPIC_BASE_URL: "is it the API's address (https://api.anthropic.com, or your gateway's)?",
} as const;

/**
 * `value` as `shape`, or a NotAnAnswerError naming what came back: "the server at OPENAI_BASE_URL
 * answered with an HTML page, not a chat completion: is it the API's /v1 address?".
 */
export function checkAnswer<T extends z.ZodType>(shape: T, value: unknown, setting: ModelSetting, kind: string = what[setting]): z.infer<T> {
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new NotAnAnswerError(`the server at ${setting} answered with ${describeBody(value)}, not ${kind}: ${hint[setting]}`);
}

/** A 200 whose content type says it is a web page: refused before its body is read. */
export function htmlPageError(setting: ModelSetting, kind: string = what[setting]): NotAnAnswerError {
  return new NotAnAnswerError(`the server at ${setting} answered with an HTML page, not ${kind}: ${hint[setting]}`);
}

/** "null", "an HTML page", "plain text", "a JSON array", "JSON without choices"… never the body itself. */
export function describeBody(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return /^\s*<(?:!doctype|html|head|body|\?xml)|<html[\s>]/i.test(value.slice(0, 1_000)) ? 'an HTML page' : value.trim() ? 'plain text' : 'an empty body';
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value !== 'object') return `a JSON ${typeof value}`;
  const keys = Object.keys(value).slice(0, 3).map((key) => key.replace(/[^\w.-]/g, '').slice(0, 30));
  return keys.length ? `JSON of another shape (fields ${keys.join(', ')})` : 'an empty JSON object';
}

/** The model id a server names, when it looks like one; else `configured` (it becomes a label and report text). */
export function modelNameFrom(value: unknown, configured: string): string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9.:@/_+-]{0,100}$/.test(value) ? value : configured;
}
