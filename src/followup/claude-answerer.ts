import type { Config } from '../config.js';
import { describeClaudeError } from '../llm/claude-errors.js';
import type { Claude } from '../llm/claude.js';
import { toTokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import { withCutNote, type ModelAnswerer } from './answerer.js';
import { callClaude } from './claude-call.js';
import { groundAnswer, KnownPosts } from './grounding.js';
import { buildAnswerRequest } from './prompt.js';
import { CleanDeltas } from './stream-text.js';

// Follow-up answers from Claude: the posts as search results with citations enabled, so every claim
// points at the post it rests on; links and citations to anything but the context's posts are dropped.

export function claudeAnswerer(claude: Claude, limits: Config['followup'], log?: Logger): ModelAnswerer {
  const { model } = claude.settings;
  return {
    source: 'claude',
    provider: 'anthropic',
    name: 'Claude',
    model,
    describeError: (error) => describeClaudeError(error),
    async answer(context, turns, text, channel) {
      const known = new KnownPosts([...context.sources, ...(context.past?.sources ?? [])].map((s) => s.post));
      const request = buildAnswerRequest(context, turns, text);
      const deltas = channel ? new CleanDeltas((id) => known.has(id)) : undefined;
      const { message, cut } = await callClaude(
        claude,
        { model, max_tokens: limits.maxAnswerTokens, ...request },
        limits.answerDeadlineMs,
        deltas && channel ? (delta) => channel.push(deltas.push(delta)) : undefined,
      );
      if (deltas && channel) channel.push(deltas.end());
      const grounded = groundAnswer(message.content, known, message.stop_reason);
      if (grounded.reply.blocks.length === 0) throw new Error('Claude answered with no text');
      if (grounded.droppedCitations || grounded.removedLinks) {
        log?.info({ dropped: grounded.droppedCitations, removedLinks: grounded.removedLinks }, 'followup: removed citations or links to unknown sources');
      }
      const usage = toTokenUsage(message.usage, model, claude.settings.priceOverride);
      return { reply: withCutNote(grounded.reply, cut, limits, { provider: 'claude', model, log }), plainText: grounded.plainText, usage };
    },
  };
}
