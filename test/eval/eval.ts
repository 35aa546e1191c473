import type { Reply } from '../../src/reply/reply.js';
import { postIdFromUrl } from '../../src/text/links.js';
import type { Answerer } from './answerers.js';
import type { EvalDay } from './days.js';
import type { EvalQuestion } from './questions.js';

// The evaluation's machinery: ask every question of a day through an answerer, read which posts the
// reply cites (in the order a reader meets them), and score it: a right post cited at all, and first.

export const GOALS = { citesRight: 0.9, rightFirst: 0.8 } as const;

export interface QuestionResult {
  day: string;
  question: string;
  expected: string[];
  /** Post ids the reply links, in reading order, once each. */
  cited: string[];
  citesRight: boolean;
  rightFirst: boolean;
}

export interface Score {
  questions: number;
  citesRight: number;
  rightFirst: number;
}

/** The posts a reply links, in reading order: linked spans of its paragraphs, then post lists, as they come. */
export function citedPostIds(reply: Reply): string[] {
  const ids: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  for (const block of reply.blocks) {
    if (block.type === 'paragraph') for (const span of block.spans) if (span.url) add(postIdFromUrl(span.url));
    if (block.type === 'posts') for (const post of block.posts) add(post.id);
  }
  return ids;
}

export function scoreReply(day: string, question: EvalQuestion, reply: Reply): QuestionResult {
  const cited = citedPostIds(reply);
  return {
    day,
    question: question.question,
    expected: question.expected,
    cited,
    citesRight: cited.some((id) => question.expected.includes(id)),
    rightFirst: cited.length > 0 && question.expected.includes(cited[0]!),
  };
}

export async function evaluate(answerer: Answerer, day: EvalDay, questions: EvalQuestion[] = day.questions): Promise<QuestionResult[]> {
  const open = await answerer.open(day);
  try {
    const results: QuestionResult[] = [];
    for (const question of questions) results.push(scoreReply(day.name, question, await open.answer(question)));
    return results;
  } finally {
    await open.close();
  }
}

export function summarise(results: QuestionResult[]): Score {
  return { questions: results.length, citesRight: results.filter((r) => r.citesRight).length, rightFirst: results.filter((r) => r.rightFirst).length };
}
