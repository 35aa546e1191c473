import type { Config } from '../config.js';
import type { OpenAICompatible } from '../llm/openai.js';
import { openAIUsage } from '../llm/openai-usage.js';
import { StripThinking, withoutThinking } from '../llm/strip-thinking.js';
import type { Logger } from '../log.js';
import { withCutNote, type ModelAnswerer } from './answerer.js';
import { groundAnswer, KnownPosts } from './grounding.js';
import { numberedCitations, StripMarkers } from './numbered-citations.js';
import { streamCompletion } from './openai-call.js';
import { buildOpenAIAnswerRequest } from './openai-prompt.js';
import { CleanDeltas } from './stream-text.js';

// Follow-up answers from an OpenAI-compatible server: the posts as numbered sources, cut to fit
// OPENAI_CONTEXT_TOKENS; the model's "[n]" markers become the same cited links Claude's citations give,
// and a marker pointing at no source is dropped with its claim's link.

export function openAIAnswerer(llm: OpenAICompatible, limits: Config['followup'], log?: Logger): ModelAnswerer {
  const { model } = llm.settings;
  return {
    source: 'openai',
    provider: 'openai',
    name: model,
    model,
    describeError: (error) => llm.describeError(error),
    async answer(context, turns, text, channel) {
      const maxTokens = limits.maxAnswerTokens;
      const request = buildOpenAIAnswerRequest(context, turns, text, llm.settings.contextTokens - maxTokens);
      if (request.trimmed > 0) log?.info({ provider: 'openai', model, trimmed: request.trimmed }, 'followup: bodies and comments cut to fit OPENAI_CONTEXT_TOKENS');
      const known = new KnownPosts(request.sources.map((s) => s.post));
      // Deltas lose the model's thinking and their "[n]" markers first (the final reply shows the real ones),
      // then are cleaned as Claude's.
      const thinking = new StripThinking();
      const markers = new StripMarkers();
      const deltas = new CleanDeltas((id) => known.has(id));
      const completion = await streamCompletion(llm, { messages: request.messages, maxTokens, deadlineMs: limits.answerDeadlineMs }, channel ? (delta) => channel.push(deltas.push(markers.push(thinking.push(delta)))) : undefined);
      if (channel) channel.push(deltas.push(markers.push(thinking.end()) + markers.end()) + deltas.end());
      // A reasoning model may think aloud in the text before it answers.
      const answerText = withoutThinking(completion.text);
      const cited = numberedCitations(answerText, request.sources);
      const grounded = groundAnswer(cited.content, known, completion.cut || completion.finishReason === 'length' ? 'max_tokens' : 'end_turn');
      if (grounded.reply.blocks.length === 0) throw new Error(`${model} answered with no text`);
      if (cited.invented || grounded.removedLinks) {
        log?.info({ provider: 'openai', dropped: cited.invented, removedLinks: grounded.removedLinks }, 'followup: removed citations or links to unknown sources');
      }
      return { reply: withCutNote(grounded.reply, completion.cut, limits, { provider: 'openai', model, log }), plainText: grounded.plainText, usage: openAIUsage(completion.usage, llm.settings) };
    },
  };
}
