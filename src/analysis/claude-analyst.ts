import type { Claude } from '../llm/claude.js';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { describeClaudeError } from '../llm/claude-errors.js';
import { anthropicMessageShape, checkAnswer, modelNameFrom, NotAnAnswerError } from '../llm/response-shape.js';
import { toTokenUsage, type TokenUsage } from '../llm/usage.js';
import { AnalystError } from './analyst.js';
import type { AnalystInput } from './input.js';
import { numbersMissingFor, systemPrompt, userPrompt } from './prompt.js';
import { analysisJsonSchema, AnalysisFormatError, parseAnalysisJson } from './schema.js';
import type { AnalysisSections } from '../models/analysis.js';

// One Messages API call returning the analysis as structured JSON. The SDK retries 408/409/429/5xx (with
// retry-after) up to ANTHROPIC_MAX_RETRIES times; anything still failing is thrown for the caller to fall
// back on the offline analyst.

export interface ClaudeAnalysis {
  sections: AnalysisSections;
  usage: TokenUsage;
  model: string;
}

/** Claude's share of AnalystError (analyst.ts): the offline analyst takes over. */
export class ClaudeAnalysisError extends AnalystError {
  override name = 'ClaudeAnalysisError';
}

/** Room for the analysis itself plus any thinking the model does first. */
const MAX_TOKENS = 12_000;

export async function analyzeWithClaude(claude: Claude, input: AnalystInput, signal?: AbortSignal): Promise<ClaudeAnalysis> {
  const { model, priceOverride } = claude.settings;
  let message;
  try {
    const raw: unknown = await claude.client.messages.create({
      model,
      max_tokens: MAX_TOKENS,
      // The instructions never change between days: cached, they cost a tenth on the next report.
      system: [{ type: 'text', text: systemPrompt(input.language, numbersMissingFor(input)), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: userPrompt(input) }],
      output_config: { effort: 'medium', format: { type: 'json_schema', schema: analysisJsonSchema } },
    }, { signal });
    // A `null` or a proxy's HTML page, sent with a 200, is no message: refused, naming what it was.
    message = checkAnswer(anthropicMessageShape, raw, 'ANTHROPIC_BASE_URL') as unknown as Message;
  } catch (error) {
    if (error instanceof NotAnAnswerError) throw new ClaudeAnalysisError(error.message);
    throw new ClaudeAnalysisError(describeClaudeError(error, 'report'), undefined, describeClaudeError(error));
  }
  const usage = toTokenUsage(message.usage, model, priceOverride);
  if (message.stop_reason === 'max_tokens') throw new ClaudeAnalysisError(`the analysis was cut off at ${MAX_TOKENS} tokens`, usage);
  if (message.stop_reason === 'refusal') throw new ClaudeAnalysisError('Claude declined to write the analysis', usage);
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  try {
    return { sections: parseAnalysisJson(text), usage, model: modelNameFrom(message.model, model) };
  } catch (error) {
    if (error instanceof AnalysisFormatError) throw new ClaudeAnalysisError(error.message, usage);
    throw error;
  }
}
