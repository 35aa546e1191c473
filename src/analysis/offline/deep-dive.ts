import type { Post } from '../../models.js';
import { isMeme } from '../topics.js';
import type { Claim, DeepDive } from '../../models/analysis.js';
import { commentsOf, numbers, selftextOf, totals, withNumbers, type DayFacts } from './facts.js';
import { storyTopics } from './stories.js';
import { cleanTitle, count, excerpt, listing, plural, safeText, timeAgo } from './text.js';

// Technical Deep Dive without a model: the day's most technical post, judged by what a practitioner
// looks for (a Resources, Research, Project or tutorial flair, a "[R]" tag, figures such as "12x",
// "30%", "15GB VRAM", "18 tok/s" or a version tag in the title, a body to read), not by how many
// comments a viral clip drew. Its body and best comments then say what it is, each quoted as written.

const MAX_COMMENTS = 3;

const technicalFlair = /\b(resources?|research|project|tutorial|guide|showcase|new model|paper|benchmark|tool|code)\b/i;
/** Figures a practitioner can act on: speed-ups, shares, memory, throughput, sizes, versions, money. */
const figure = /(?:\$\d[\d,.]*|\b\d+(?:\.\d+)?\s?(?:x|%|gb(?:\s?vram)?|tb|mb|tok\/s|tokens?\/s|ms|b|m\+?|k)(?![\w/])|\bv?\d+\.\d+(?:\.\d+)?\b)/gi;
/** Words of the trade that make a title technical even without a figure. */
const jargon = /\b(?:vram|gpu|igpu|cuda|kernels?|quant\w*|gguf|fp\d+|int\d+|bf16|moe|lora|fine-?tun\w*|inference|benchmarks?)\b/gi;

/** The evidence that a post is technical: its flair or tag, and the figures and jargon its title gives. */
function technicalSignals(post: Post): { flair: boolean; figures: string[] } {
  const flair = (post.flair !== null && technicalFlair.test(post.flair)) || /^\s*\[(?:r|p)\]/i.test(post.title);
  const title = safeText(post.title);
  const found = [...(title.match(figure) ?? []), ...(title.match(jargon) ?? [])].map((f) => f.trim());
  const figures = found.filter((f, i) => !found.slice(0, i).some((g) => g.toLowerCase().includes(f.toLowerCase()) || f.toLowerCase().includes(g.toLowerCase())));
  return { flair, figures };
}

function technicality(facts: DayFacts, post: Post): number {
  const { flair, figures } = technicalSignals(post);
  return (flair ? 3 : 0) + Math.min(figures.length, 4) + (selftextOf(facts, post).length >= 200 ? 1 : 0);
}

/** The most technical of the day's posts (rank breaks ties); jokes never qualify. */
function mostTechnical(facts: DayFacts): Post | undefined {
  let best: { post: Post; score: number } | undefined;
  for (const post of facts.day) {
    if (isMeme(post)) continue;
    const score = technicality(facts, post);
    if (score > 0 && (!best || score > best.score)) best = { post, score };
  }
  return best?.post ?? facts.report.sections.today.find((p) => !isMeme(p));
}

export function buildDeepDive(facts: DayFacts): DeepDive | null {
  const post = mostTechnical(facts);
  if (!post) return null;
  const claims: Claim[] = [context(facts, post)];
  const body = excerpt(selftextOf(facts, post), 500);
  const comments = commentsOf(facts, post)
    .map((c) => ({ score: c.score, text: excerpt(c.body, 300) }))
    .filter((c) => c.text)
    .slice(0, MAX_COMMENTS);
  if (body) claims.push({ text: `What it says: "${body}"`, postIds: [post.id] });
  // A comment's points only when the source gave them (the comment feeds do not).
  comments.forEach((c, i) => claims.push({ text: `${i === 0 ? 'The top comment' : i === 1 ? 'The next one' : 'Then'}${c.score === null ? '' : ` (${plural(c.score, 'point')})`}: "${c.text}"`, postIds: [post.id] }));
  if (!body && comments.length === 0) {
    const fetched = facts.input.details[post.id] !== undefined;
    const read = withNumbers(facts) ? 'only the title and numbers were read' : 'only the title was read';
    claims.push({ text: fetched ? 'It has no text body and no comment worth quoting.' : `Its body and comments were not fetched for this report: ${read}.`, postIds: [post.id] });
  }
  const related = relatedClaim(facts, post);
  if (related) claims.push(related);
  const history = historyClaim(facts, post);
  if (history) claims.push(history);
  return { title: cleanTitle(post.title), postId: post.id, body: claims };
}

/** Why this post: where, when, its numbers, and what in it is technical. */
function context(facts: DayFacts, post: Post): Claim {
  const { flair, figures } = technicalSignals(post);
  const why = [flair && post.flair ? `a "${safeText(post.flair)}" post` : '', figures.length > 0 ? `with figures in its title (${listing(figures.slice(0, 4))})` : ''].filter(Boolean).join(' ');
  return {
    text: `Chosen as the day's most technical post${why ? `, ${why}` : ''}; posted in r/${post.subreddit} ${timeAgo(post.createdAt, facts.report.generatedAt)}.`,
    postIds: [post.id],
  };
}

/** The other day's posts on its topic. */
function relatedClaim(facts: DayFacts, post: Post): Claim | null {
  const topic = storyTopics(facts.day).find((t) => t.postIds.includes(post.id));
  if (!topic) return null;
  const others = facts.day.filter((p) => topic.postIds.includes(p.id) && p.id !== post.id);
  if (others.length === 0) return null;
  const sum = totals(others);
  const size = withNumbers(facts) ? ` with ${numbers(sum.points, sum.comments)}` : '';
  return { text: `Related today on "${topic.label}": ${plural(others.length, 'other post')}${size}.`, postIds: others.map((p) => p.id) };
}

function historyClaim(facts: DayFacts, post: Post): Claim | null {
  const { comparison } = facts.input;
  const mover = comparison.movers.find((m) => m.postId === post.id);
  const persistent = comparison.persistentPosts.find((p) => p.postId === post.id);
  const parts: string[] = [];
  if (persistent) parts.push(`it was already in ${plural(persistent.days, 'earlier daily report')}`);
  if (mover) parts.push(`since ${mover.since} it went from ${count(mover.scoreThen)} to ${count(mover.scoreNow)} points and from ${count(mover.commentsThen)} to ${count(mover.commentsNow)} comments`);
  if (parts.length === 0) return null;
  const text = parts.join(', and ');
  return { text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, postIds: [post.id] };
}
