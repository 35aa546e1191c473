import type { Post } from '../../models.js';
import { findTopics, isMeme, mergeTopics, themeOf, type MergedTopic } from '../topics.js';
import { isStrongTopic, type DayFacts } from './facts.js';
import { cleanTitle } from './text.js';
import { escapeRegExp } from '../../text/regexp.js';

// The day's posts as stories: posts on one topic (merged across a company's names) are one story, every
// other post a story of its own; each story sits under a theme by meaning (the lexicon of topics.ts),
// jokes and memes apart so they rank after the news.

export const MEMES = 'Memes and jokes';
export const OTHER = 'Also on the day';

export interface Story {
  /** The topic's label with its usual version ("Seedance 2.0"), or the post's cleaned title. */
  name: string;
  /** In rank order. */
  posts: Post[];
  theme: string;
  topic: MergedTopic | null;
}

/** Strong topics of `posts`, merged when they name one entity or share posts. */
export function storyTopics(posts: Post[]): MergedTopic[] {
  return mergeTopics(
    findTopics(posts).filter((t) => isStrongTopic(t, posts)),
    posts,
  );
}

export function dayStories(facts: DayFacts): Story[] {
  const used = new Set<string>();
  const stories: Story[] = [];
  for (const topic of storyTopics(facts.day)) {
    const posts = facts.day.filter((p) => topic.postIds.includes(p.id) && !used.has(p.id));
    if (posts.length < 2) continue;
    posts.forEach((p) => used.add(p.id));
    stories.push({ name: withVersion(topic.label, posts), posts, theme: themeOfPosts(posts), topic });
  }
  for (const post of facts.day.filter((p) => !used.has(p.id))) stories.push({ name: cleanTitle(post.title), posts: [post], theme: themeOfPosts([post]), topic: null });
  return stories;
}

/** The theme most of the posts share; on a tie, the top post's. Memes only when every post is one. */
export function themeOfPosts(posts: Post[]): string {
  if (posts.every(isMeme)) return MEMES;
  const counts = new Map<string, number>();
  for (const post of posts) {
    const theme = themeOf(post);
    if (theme) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return OTHER;
  const lead = posts.map(themeOf).find((t) => t && counts.get(t) === best[1]);
  return lead ?? best[0];
}

/** "Seedance" → "Seedance 2.0" when most titles write a version after the name (the longest spelling wins). */
function withVersion(label: string, posts: Post[]): string {
  const escaped = escapeRegExp(label);
  const versions = posts.map((p) => new RegExp(`\\b${escaped}\\s+v?(\\d+(?:\\.\\d+)*)\\b`, 'i').exec(p.title)?.[1]).filter((v): v is string => !!v);
  if (versions.length * 2 < posts.length) return label;
  const major = versions[0]!.split('.')[0];
  if (!versions.every((v) => v.split('.')[0] === major)) return label;
  return `${label} ${versions.sort((a, b) => b.length - a.length)[0]}`;
}

/** A theme's name inside a sentence: "video and image generation", "agents, RAG and tools", "memes". */
export function themeInSentence(theme: string): string {
  if (theme === MEMES) return 'memes';
  return theme.charAt(0).toLowerCase() + theme.slice(1);
}
