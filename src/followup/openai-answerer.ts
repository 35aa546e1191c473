import type { Config } from '../config.js';
import type { OpenAICompatible } from '../llm/openai.js';
import { streamCompletion } from '../llm/openai-stream.js';
import { openAIUsage } from '../llm/openai-usage.js';
import { estimatePromptTokens } from '../llm/prompt-tokens.js';
import { countMessagesTokens } from '../llm/server-info.js';
import { StripThinking, withoutThinking } from '../llm/strip-thinking.js';
import type { Logger } from '../log.js';
import { withCitationsOrMatches, withCutNote, withTokenLimitNote, type ModelAnswerer } from './answerer.js';
import { groundAnswer, KnownPosts } from './grounding.js';
import { numberedCitations, StripMarkers } from './numbered-citations.js';
import { buildOpenAIAnswerRequest } from './openai-prompt.js';
import { CleanDeltas } from './stream-text.js';

// Follow-up answers from an OpenAI-compatible server: the question's best-matching posts as numbered
// sources, cut to fit the server's own context (or OPENAI_CONTEXT_TOKENS); the model's "[n]" markers become
// the same cited links Claude's citations give, and a marker pointing at no source is dropped with its claim's link.

/** Tokens kept free of the prompt and the answer: a chat template's own, a tokenizer's small disagreement. */
const ANSWER_CONTEXT_MARGIN = 64;


export function openAIAnswerer(llm: OpenAICompatible, limits: Config['followup'], log?: Logger): ModelAnswerer {
  const { model } = llm.settings;
  return {
    source: 'openai',
    provider: 'openai',
    name: model,
    model,
    describeError: (error) => llm.describeError(error),
    async answer(context, turns, text, channel, progress) {
      const maxTokens = limits.maxAnswerTokens;
      // The server's own context and tokenizer when it tells them (server-info.ts); a budget the count exceeds is tightened once.
      const server = await llm.server();
      let budget = server.contextTokens - maxTokens - ANSWER_CONTEXT_MARGIN;
      let request = buildOpenAIAnswerRequest(context, turns, text, budget);
      let counted = await countMessagesTokens(request.messages, server.info);
      if (counted.tokens > budget) {
        budget = Math.floor((budget * budget) / counted.tokens);
        request = buildOpenAIAnswerRequest(context, turns, text, budget);
        counted = await countMessagesTokens(request.messages, server.info);
      }
      if (request.trimmed > 0) log?.info({ provider: 'openai', model, trimmed: request.trimmed }, 'followup: bodies and comments cut to fit the prompt budget');
      const known = new KnownPosts(request.sources.map((s) => s.post));
      // Deltas lose the model's thinking and their "[n]" markers first (the final reply shows the real ones),
      // then are cleaned as Claude's.
      const thinking = new StripThinking();
      const markers = new StripMarkers();
      const deltas = new CleanDeltas((id) => known.has(id));
      progress?.({ stage: 'reading', promptTokens: counted.tokens, expectedMs: llm.firstTokenTimeoutMs(counted.tokens) - llm.settings.timeoutMs, model });
      const completion = await streamCompletion(
        llm,
        { messages: request.messages, maxTokens, deadlineMs: limits.answerDeadlineMs, promptTokens: counted.tokens, onFirstToken: () => progress?.({ stage: 'writing', promptTokens: counted.tokens, model }) },
        channel ? (delta) => channel.push(deltas.push(markers.push(thinking.push(delta)))) : undefined,
      );
      if (channel) channel.push(deltas.push(markers.push(thinking.end()) + markers.end()) + deltas.end());
      // A reasoning model may think aloud in the text before it answers.
      const answerText = withoutThinking(completion.text);
      const cited = numberedCitations(answerText, request.sources);
      const grounded = groundAnswer(cited.content, known, completion.cut || completion.finishReason === 'length' ? 'max_tokens' : 'end_turn');
      if (grounded.reply.blocks.length === 0) throw new Error(`${model} answered with no text`);
      if (cited.invented || grounded.removedLinks) {
        log?.info({ provider: 'openai', dropped: cited.invented, removedLinks: grounded.removedLinks }, 'followup: removed citations or links to unknown sources');
      }
      // A server that sends no usage is counted from what went and came.
      const usage = openAIUsage(completion.usage ?? { prompt_tokens: counted.tokens, completion_tokens: estimatePromptTokens(completion.text), total_tokens: 0 }, llm.settings);
      const cutAtLimit = completion.finishReason === 'length' && !completion.cut;
      const reply = withTokenLimitNote(withCutNote(grounded.reply, completion.cut, limits, { provider: 'openai', model, log }), cutAtLimit, limits);
      return { reply: withCitationsOrMatches(reply, grounded.cited.length, text, context), plainText: grounded.plainText, usage };
    },
  };
}
