import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { jsonObjectIn } from '../llm/json-text.js';
import type { OpenAICompatible } from '../llm/openai.js';
import { charsForTokens, estimateTokens } from '../llm/tokens.js';
import { checkAnswer, modelNameFrom, openAICompletionShape } from '../llm/response-shape.js';
import { addUsage, openAIUsage } from '../llm/openai-usage.js';
import type { TokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import { AnalystError, type ModelAnalysis, type ModelAnalyst } from './analyst.js';
import { fitEnrichment } from './fit-context.js';
import type { AnalystInput } from './input.js';
import { numbersMissingFor, systemPrompt, userPrompt } from './prompt.js';
import { analysisJsonSchema, AnalysisFormatError, parseAnalysisJson } from './schema.js';

// The analysis from an OpenAI-compatible server, with Claude's prompt, schema and grounding. Structured
// output is asked for (response_format json_schema); a server that refuses it gets the request again
// without, and every answer is read as JSON found in the text (prose and code fences around it are
// common with small models). One repair request names what was wrong; a second failure is thrown for
// the caller to fall back on the offline analyst.

/** Room for the analysis: at most this, and at most a third of the context window. */
const MAX_OUTPUT_TOKENS = 8_000;

export function openAIAnalyst(llm: OpenAICompatible, log?: Logger): ModelAnalyst {
  return { provider: 'openai', name: llm.settings.model, model: llm.settings.model, analyze: (input, signal) => analyzeWithOpenAI(llm, input, signal, log) };
}

/** The instructions and the schema: fixed text first, so a local server's prompt cache can reuse it. */
export function openAISystemPrompt(language: string, numbersMissing = false): string {
  return `${systemPrompt(language, numbersMissing)}

Answer with the JSON object alone (no text before or after it, no code fence), matching this JSON schema:
${JSON.stringify(analysisJsonSchema)}`;
}

async function analyzeWithOpenAI(llm: OpenAICompatible, input: AnalystInput, signal: AbortSignal, log?: Logger): Promise<ModelAnalysis> {
  const { model, contextTokens } = llm.settings;
  const maxTokens = Math.min(MAX_OUTPUT_TOKENS, Math.floor(contextTokens / 3));
  const system = openAISystemPrompt(input.language, numbersMissingFor(input));
  const budget = contextTokens - maxTokens - estimateTokens(system);
  const fitted = fitEnrichment(input, (candidate) => estimateTokens(userPrompt(candidate)) <= budget);
  if (fitted.trimmedPosts > 0 || !fitted.fits) {
    log?.info({ provider: 'openai', model, contextTokens, trimmedPosts: fitted.trimmedPosts, fits: fitted.fits }, 'analysis: bodies and comments cut to fit OPENAI_CONTEXT_TOKENS');
  }
  const user = userPrompt(fitted.input);
  const call = new Call(llm, system, maxTokens, signal, log);
  // A model may write only so much (max_tokens, thinking included); its JSON is looked for in no more.
  const read = (text: string) => parseAnalysisJson(jsonObjectIn(text, 2 * charsForTokens(maxTokens)));

  const first = await call.ask(user);
  try {
    return { sections: read(first.text), usage: first.usage, model: first.model };
  } catch (error) {
    if (!(error instanceof AnalysisFormatError)) throw error;
    log?.info({ provider: 'openai', model, err: error.message }, 'analysis: unreadable answer, asking once more');
    const repair = await call.ask(`${user}\n\nYour previous answer could not be used: ${error.message}. Answer again with the JSON object alone, matching the schema.`);
    try {
      return { sections: read(repair.text), usage: repair.usage, model: repair.model };
    } catch (again) {
      if (again instanceof AnalysisFormatError) throw new AnalystError(`${again.message}, twice`, call.usage);
      throw again;
    }
  }
}

/** The requests of one analysis: they share the system prompt, the format and the usage total. */
class Call {
  usage: TokenUsage | undefined;
  /** Cleared once the server refuses json_schema, for the rest of this analysis. */
  private structured = true;

  constructor(
    private readonly llm: OpenAICompatible,
    private readonly system: string,
    private readonly maxTokens: number,
    private readonly signal: AbortSignal,
    private readonly log?: Logger,
  ) {}

  /** One request; `usage` is the total so far. */
  async ask(user: string): Promise<{ text: string; model: string; usage: TokenUsage }> {
    const { model } = this.llm.settings;
    let completion;
    try {
      completion = await this.create(user);
    } catch (error) {
      // llama.cpp's and LM Studio's older servers answer 400 to a response_format they do not know.
      if (!(this.structured && this.llm.isBadRequest(error))) throw this.failed(error);
      this.log?.info({ provider: 'openai', model }, 'analysis: the server refused response_format json_schema; asking for JSON in the text');
      this.structured = false;
      try {
        completion = await this.create(user);
      } catch (again) {
        throw this.failed(again);
      }
    }
    // A `null` or a proxy's HTML page, sent with a 200, is no completion: refused, naming what it was.
    let checked;
    try {
      checked = checkAnswer(openAICompletionShape, completion, 'OPENAI_BASE_URL');
    } catch (error) {
      throw this.failed(error);
    }
    const spent = openAIUsage(checked.usage as CompletionUsage | null, this.llm.settings);
    const usage = this.usage ? addUsage(this.usage, spent) : spent;
    this.usage = usage;
    const choice = checked.choices[0]!;
    if (choice.finish_reason === 'length') throw new AnalystError(`the analysis was cut off at ${this.maxTokens} tokens (raise OPENAI_CONTEXT_TOKENS if the server allows more)`, this.usage);
    if (choice.message.refusal) throw new AnalystError(`${model} declined to write the analysis`, this.usage);
    return { text: choice.message.content ?? '', model: modelNameFrom(checked.model, model), usage };
  }

  /** A failed request as the report's warning says it, with the operator's fuller line for the log. */
  private failed(error: unknown): AnalystError {
    return new AnalystError(this.llm.describeError(error, 'report'), this.usage, this.llm.describeError(error));
  }

  private create(user: string) {
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: this.llm.settings.model,
      // max_tokens, not max_completion_tokens: it is the one every local server reads.
      max_tokens: this.maxTokens,
      messages: [
        { role: 'system', content: this.system },
        { role: 'user', content: user },
      ],
      ...(this.structured ? { response_format: { type: 'json_schema', json_schema: { name: 'trend_analysis', schema: analysisJsonSchema, strict: true } } } : {}),
    };
    return this.llm.client.chat.completions.create(params, { signal: this.signal });
  }
}
