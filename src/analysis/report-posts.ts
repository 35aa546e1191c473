import type { Post, Report } from '../models.js';

// The posts of a report, once each. The same post can stand in several lists (today's list and its
// community's top 3, the week and the month); the first place it appears is the one kept.

/** `posts` without repeats of an id, in the order given. */
export function firstOfEach(posts: Iterable<Post>): Post[] {
  const byId = new Map<string, Post>();
  for (const post of posts) if (!byId.has(post.id)) byId.set(post.id, post);
  return [...byId.values()];
}

/** Every post a report shows: today's list, the communities' top posts, the week, the month. */
export function reportPosts(report: Pick<Report, 'sections'>): Post[] {
  const { today, week, month, communities } = report.sections;
  return firstOfEach([...today, ...communities.flatMap((c) => c.posts), ...week, ...month]);
}

/** The posts that make "the day": today's list and each community's top posts. */
export function dayPosts(report: Pick<Report, 'sections'>): Post[] {
  return firstOfEach([...report.sections.today, ...report.sections.communities.flatMap((c) => c.posts)]);
}
