import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { classifyModelError, describeOverflow } from '../llm/model-errors.js';
import type { OpenAICompatible, ServerContext } from '../llm/openai.js';
import { addUsage, openAIUsage } from '../llm/openai-usage.js';
import { streamCompletion } from '../llm/openai-stream.js';
import { estimateMessagesTokens, estimatePromptTokens } from '../llm/prompt-tokens.js';
import { countMessagesTokens } from '../llm/server-info.js';
import type { TokenUsage } from '../llm/usage.js';
import { jsonObjectIn } from '../llm/json-text.js';
import type { Logger } from '../log.js';
import { AnalystError, type ModelAnalysis, type ModelAnalyst } from './analyst.js';
import { allSections, boundedAnalysisSchema, schemaCharsBound, schemaTokenBound, type SchemaSize, type SchemaVocabulary, type SectionName } from './bounded-schema.js';
import { compactSystemPrompt, compactUserPrompt } from './compact-prompt.js';
import { fitEnrichment } from './fit-context.js';
import { commentIndex, type AnalystInput } from './input.js';
import { analyzeOffline } from './offline/analyst.js';
import { numbersMissingFor } from './prompt.js';
import { reportPosts } from './report-posts.js';
import { AnalysisFormatError, parseAnalysisJson } from './schema.js';
import type { AnalysisSections } from '../models/analysis.js';
import { formatCount } from '../text/count.js';

// The analysis from a model on an OpenAI-compatible server, fitted to what the server can hold:
// - the context is the server's own when it says it (llama-server's /props, Ollama's /api/show), and
//   prompts are counted with its tokenizer when it has one (server-info.ts), else a safe estimate;
// - the answer's schema is bounded (bounded-schema.ts) and max_tokens is set from the same bounds, so a
//   grammar-constrained answer closes well inside it;
// - when the whole analysis (prompt and answer) fits the context, it is one call; when it does not, it is
//   written in parts with their own small prompts and schemas (the highlights, the deep dive, the week and
//   month, the communities), and a part its context cannot hold, or that fails, is the offline analyst's,
//   said as such in the report;
// - every request is streamed (the watchdog measures silence, and the wait for the first token grows with
//   the prompt) and never retried whole by the SDK; a cut answer, an overflow and a refused schema are read
//   for what they are (model-errors.ts), and the tokens of failed attempts are counted.
// One repair request names what was wrong with an unreadable answer; a second failure is the part's end.

/** Room for the analysis: at most this, however much the context holds. */
const MAX_OUTPUT_TOKENS = 8_000;
/** Tokens kept free of prompt and answer: a chat template's own tokens, a tokenizer's small disagreement. */
const CONTEXT_MARGIN = 64;
/** The whole analysis in one call only when its answer's bound takes at most this share of the context. */
const WHOLE_ANSWER_SHARE = 0.5;

export interface AnalysisPart {
  name: string;
  sections: SectionName[];
  /** Smaller parts to try when this one does not fit, or is cut at its allowance. */
  split?: AnalysisPart[];
}

/**
 * The parts of an analysis written in pieces, in the order a reader meets them. The day's sections read
 * the same posts, so they share one prompt when it fits (each prompt read costs a CPU minutes); the week
 * and month read the comparison instead.
 */
export const analysisParts: readonly AnalysisPart[] = [
  {
    name: 'day',
    sections: ['highlights', 'deepDive', 'communityHighlights'],
    split: [
      { name: 'highlights', sections: ['highlights'] },
      { name: 'deep dive', sections: ['deepDive'] },
      { name: 'communities', sections: ['communityHighlights'] },
    ],
  },
  { name: 'week and month', sections: ['weekly', 'monthly'] },
];

export function openAIAnalyst(llm: OpenAICompatible, log?: Logger): ModelAnalyst {
  return { provider: 'openai', name: llm.settings.model, model: llm.settings.model, analyze: (input, signal) => analyzeWithOpenAI(llm, input, signal, log) };
}

/** One request's worth of analysis: its prompt (with and without the schema in its text), schema and allowance. */
export interface PartPlan {
  sections: SectionName[];
  /** The system prompt and user message when the server takes the schema as response_format. */
  messages: ChatCompletionMessageParam[];
  /** The same with the schema in the system prompt, for a server that refused response_format. */
  messagesWithSchema: ChatCompletionMessageParam[];
  schema: Record<string, unknown>;
  maxTokens: number;
  promptTokens: number;
  /** Posts whose comments or body were left out to fit. */
  trimmedPosts: number;
}

export function vocabularyOf(input: AnalystInput): SchemaVocabulary {
  return {
    postIds: [...reportPosts(input.report).map((p) => p.id), ...input.comparison.earlierPosts.map((p) => p.id)],
    commentIds: [...commentIndex(input.details).keys()],
    communities: input.report.sections.communities.map((c) => c.subreddit),
  };
}

/**
 * The prompt for `sections` within `contextTokens`, with room for its bounded answer; bodies and comments
 * left out from the lowest-placed post up when needed. Undefined when even titles alone do not fit.
 */
export async function planPart(input: AnalystInput, sections: readonly SectionName[], size: SchemaSize, server: ServerContext): Promise<PartPlan | undefined> {
  const numbersMissing = numbersMissingFor(input);
  const schema = boundedAnalysisSchema(sections, vocabularyOf(input), size);
  const maxTokens = Math.min(MAX_OUTPUT_TOKENS, schemaTokenBound(schema));
  const system = compactSystemPrompt(input.language, numbersMissing, sections);
  const messagesOf = (fitted: AnalystInput, text?: string): ChatCompletionMessageParam[] => [
    { role: 'system', content: text === undefined ? system : compactSystemPrompt(input.language, numbersMissing, sections, text) },
    { role: 'user', content: compactUserPrompt(fitted, sections) },
  ];
  let budget = server.contextTokens - maxTokens - CONTEXT_MARGIN;
  if (budget <= 0) return undefined;
  // Fitted on the estimate, then checked with the server's count when it has one (and fitted again, once, to what it said).
  for (let tries = 0; tries < 2; tries++) {
    const fitted = fitEnrichment(input, (candidate) => estimateMessagesTokens(messagesOf(candidate)) <= budget);
    if (!fitted.fits) return undefined;
    const messages = messagesOf(fitted.input);
    const counted = await countMessagesTokens(messages, server.info);
    if (counted.tokens <= server.contextTokens - maxTokens - CONTEXT_MARGIN) {
      return { sections: [...sections], messages, messagesWithSchema: messagesOf(fitted.input, JSON.stringify(schema)), schema, maxTokens, promptTokens: counted.tokens, trimmedPosts: fitted.trimmedPosts };
    }
    budget = Math.floor((budget * budget) / counted.tokens);
  }
  return undefined;
}

async function analyzeWithOpenAI(llm: OpenAICompatible, input: AnalystInput, signal: AbortSignal, log?: Logger): Promise<ModelAnalysis> {
  const server = await llm.server();
  const writer = new PartWriter(llm, signal, log);
  // The whole analysis in one call, when its prompt and its bounded answer fit the context.
  const whole = await planPart(input, allSections, 'full', server);
  if (whole && whole.maxTokens <= server.contextTokens * WHOLE_ANSWER_SHARE) {
    if (whole.trimmedPosts > 0) log?.info({ provider: 'openai', model: llm.settings.model, contextTokens: server.contextTokens, trimmedPosts: whole.trimmedPosts }, 'analysis: bodies and comments cut to fit the context');
    const sections = await writer.write(whole);
    return { sections, usage: writer.usage!, model: writer.model };
  }
  // In parts, each with its own small prompt and schema; what a part cannot do, the offline analyst does.
  log?.info({ provider: 'openai', model: llm.settings.model, contextTokens: server.contextTokens }, 'analysis: written in parts to fit the context');
  const written: Partial<AnalysisSections> = {};
  const offlineSections: SectionName[] = [];
  const notes: string[] = [];
  const queue = [...analysisParts];
  while (queue.length > 0) {
    const part = queue.shift()!;
    const plan = await planPart(input, part.sections, 'compact', server);
    if (!plan) {
      if (part.split) queue.unshift(...part.split);
      else {
        offlineSections.push(...part.sections);
        notes.push(`the ${part.name} did not fit the server's ${formatCount(server.contextTokens)}-token context`);
      }
      continue;
    }
    try {
      const sections = await writer.write(plan);
      for (const name of part.sections) (written as Record<string, unknown>)[name] = sections[name];
    } catch (error) {
      if (!(error instanceof AnalystError) || signal.aborted) throw error;
      // A shared part that failed is tried again in its smaller parts: one rambling section costs itself only.
      if (part.split) {
        log?.info({ provider: 'openai', model: llm.settings.model, part: part.name, err: error.message }, 'analysis: a part failed, trying its sections one by one');
        queue.unshift(...part.split);
        continue;
      }
      offlineSections.push(...part.sections);
      notes.push(`the ${part.name}: ${error.message}`);
    }
  }
  if (offlineSections.length === allSections.length) throw new AnalystError(notes.join('; '), writer.usage);
  const offline = offlineSections.length > 0 ? analyzeOffline(input) : undefined;
  const sections = Object.fromEntries(allSections.map((name) => [name, offlineSections.includes(name) ? offline![name] : written[name]])) as unknown as AnalysisSections;
  return { sections, usage: writer.usage!, model: writer.model, ...(offlineSections.length > 0 ? { offlineSections, notes } : {}) };
}

/** The requests of one analysis: they share the usage total and whether the server takes a schema. */
class PartWriter {
  usage: TokenUsage | undefined;
  model: string;
  /** Cleared once the server refuses json_schema, for the rest of this analysis. */
  private structured = true;

  constructor(
    private readonly llm: OpenAICompatible,
    private readonly signal: AbortSignal,
    private readonly log?: Logger,
  ) {
    this.model = llm.settings.model;
  }

  /** The plan's sections; one repair request when the answer cannot be read. */
  async write(plan: PartPlan): Promise<AnalysisSections> {
    // A model may write only so much (max_tokens, thinking included); its JSON is looked for in no more.
    const read = (text: string) => parseAnalysisJson(jsonObjectIn(text, 2 * schemaCharsBound(plan.schema)));
    const first = await this.ask(plan);
    try {
      return read(first);
    } catch (error) {
      if (!(error instanceof AnalysisFormatError)) throw error;
      this.log?.info({ provider: 'openai', model: this.model, err: error.message }, 'analysis: unreadable answer, asking once more');
      const repair = await this.ask(plan, `Your previous answer could not be used: ${error.message}. Answer again with the JSON object alone, matching the schema.`);
      try {
        return read(repair);
      } catch (again) {
        if (again instanceof AnalysisFormatError) throw new AnalystError(`${again.message}, twice`, this.usage);
        throw again;
      }
    }
  }

  private async ask(plan: PartPlan, repair?: string): Promise<string> {
    const base = this.structured ? plan.messages : plan.messagesWithSchema;
    const messages: ChatCompletionMessageParam[] = repair ? [...base.slice(0, -1), { role: 'user', content: `${String(base.at(-1)!.content)}\n\n${repair}` }] : base;
    const promptTokens = plan.promptTokens + (this.structured ? 0 : estimatePromptTokens(JSON.stringify(plan.schema))) + (repair ? estimatePromptTokens(repair) : 0);
    let completion;
    try {
      completion = await streamCompletion(this.llm, {
        messages,
        maxTokens: plan.maxTokens,
        // The analysis' own deadline (the signal) ends it; the cap keeps the text to the schema's size.
        deadlineMs: 24 * 3_600_000,
        maxChars: 2 * schemaCharsBound(plan.schema),
        promptTokens,
        signal: this.signal,
        ...(this.structured ? { responseFormat: { type: 'json_schema' as const, json_schema: { name: 'trend_analysis', schema: plan.schema, strict: true } } } : {}),
      });
    } catch (error) {
      const failure = classifyModelError(error);
      if (failure.kind === 'overflow') throw new AnalystError(describeOverflow(failure, this.llm.settings.contextTokens), this.usage, this.llm.describeError(error));
      // llama.cpp's and LM Studio's older servers answer 400 to a response_format they do not know, and a
      // grammar compiler may refuse the schema: ask again with the schema in the text.
      if (this.structured && (failure.kind === 'schema-refused' || (this.llm.isBadRequest(error) && failure.kind === 'other'))) {
        this.log?.info({ provider: 'openai', model: this.model }, 'analysis: the server refused response_format json_schema; asking for JSON in the text');
        this.structured = false;
        return this.ask(plan, repair);
      }
      throw new AnalystError(this.llm.describeError(error, 'report'), this.usage, this.llm.describeError(error));
    }
    this.model = completion.model;
    // A server that sends no usage (or an attempt that failed) is counted from what went and came: the prompt
    // as counted, and the answer's tokens, all of max_tokens when it was cut there.
    const cutAtMax = completion.finishReason === 'length';
    const spent = completion.usage
      ? openAIUsage(completion.usage, this.llm.settings)
      : openAIUsage({ prompt_tokens: promptTokens, completion_tokens: cutAtMax ? plan.maxTokens : estimatePromptTokens(completion.text), total_tokens: 0 }, this.llm.settings);
    this.usage = this.usage ? addUsage(this.usage, spent) : spent;
    if (cutAtMax || completion.cut === 'length') {
      throw new AnalystError(`the answer was cut off at its ${formatCount(plan.maxTokens)}-token allowance (max_tokens) before its JSON was complete`, this.usage);
    }
    return completion.text;
  }
}
