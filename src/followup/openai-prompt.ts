import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { estimateTokens } from '../llm/tokens.js';
import type { ThreadTurn } from '../store/records.js';
import { withFocusDetails, type AnswerContext, type SourcePost } from './context.js';
import { questionText, recentTurns, SYSTEM_PROMPT } from './prompt.js';
import { asData, pastDigest, reportDigest, searchResult } from './sources.js';

// The request for one answer on an OpenAI-compatible server. Chat completions have no native citations,
// so the posts go in as numbered sources ("[3] title…") and the answer cites "[3]"; the numbers are
// mapped back to posts by numbered-citations.ts. Everything else is Claude's request: the same system
// rules, the same report digest, the same text for each post, the same turns and question.

const NUMBERED_SOURCES = `
How sources work in this conversation (this replaces what is said above about search results and citations):
- The report's posts, and those of earlier reports when given, are numbered sources inside <sources>, each starting with its number in square brackets, for example [3].
- Cite a source by writing its number in square brackets right after the claim it supports: "Qwen released a new coder model [3]." Several sources: [3][5]. Use only the numbers of the sources given.`;

export const OPENAI_SYSTEM_PROMPT = `${SYSTEM_PROMPT}\n${NUMBERED_SOURCES}`;

export interface OpenAIAnswerRequest {
  messages: ChatCompletionMessageParam[];
  /** Source n is `sources[n - 1]`. */
  sources: SourcePost[];
  /** Sources whose body and comments were left out to fit the context window. */
  trimmed: number;
}

/** The text of one numbered source: Claude's search-result text, with no line that could pass for another source. */
function numberedSource(n: number, source: SourcePost): string {
  const text = searchResult(source).content.map((block) => block.text).join('\n');
  return `[${n}] ${text.replace(/^\[(\d+)\]/gm, '($1)')}`;
}

function sourcesBlock(sources: SourcePost[], first: number): string {
  return `<sources>\n${asData(sources.map((source, i) => numberedSource(first + i, source)).join('\n\n'))}\n</sources>`;
}

/**
 * The messages for `question`, within `budgetTokens` of prompt: when they are over it, bodies and
 * comments are left out from the last source up (the report's leading posts come first).
 */
export function buildOpenAIAnswerRequest(asked: AnswerContext, turns: ThreadTurn[], question: string, budgetTokens: number): OpenAIAnswerRequest {
  // No prompt cache to keep valid here (local servers have none): the posts the question names carry
  // their text and comments in place, in their own numbered source.
  const context = withFocusDetails(asked);
  const all = [...context.sources, ...(context.past?.sources ?? [])];
  const build = (sources: SourcePost[]) => messagesFor(context, sources, turns, question);
  let sources = all;
  let messages = build(sources);
  let trimmed = 0;
  for (let i = all.length - 1; i >= 0 && sizeOf(messages) > budgetTokens; i--) {
    if (!all[i]!.details) continue;
    sources = sources.map((source, j) => (j === i ? { ...source, details: undefined } : source));
    messages = build(sources);
    trimmed++;
  }
  return { messages, sources: all, trimmed };
}

function messagesFor(context: AnswerContext, sources: SourcePost[], turns: ThreadTurn[], question: string): ChatCompletionMessageParam[] {
  const own = sources.slice(0, context.sources.length);
  const past = sources.slice(context.sources.length);
  const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  // Role alternation is required by many local chat templates: same-role turns are joined.
  const push = (role: 'user' | 'assistant', content: string) => {
    const previous = messages[messages.length - 1];
    if (previous && previous.role === role) previous.content += `\n\n${content}`;
    else messages.push({ role, content });
  };
  push('user', `${reportDigest(context.report)}\n\n${sourcesBlock(own, 1)}`);
  for (const turn of recentTurns(turns)) push(turn.role, turn.text);
  const last: string[] = [];
  if (context.past) last.push(pastDigest(context.past), ...(past.length ? [sourcesBlock(past, own.length + 1)] : []));
  last.push(questionText(question));
  push('user', last.join('\n\n'));
  return [{ role: 'system', content: OPENAI_SYSTEM_PROMPT }, ...messages];
}

function sizeOf(messages: ChatCompletionMessageParam[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)), 0);
}
