import type { Report } from '../../src/models.js';
import { isLowSignal, isMemePost } from '../../src/report/low-signal.js';
import { briefHighlightBlocks } from '../../src/reply/analysis.js';
import { morningReply, SUMMARY_HIGHLIGHTS, SUMMARY_POSTS } from '../../src/reply/report.js';
import type { Post } from '../../src/models.js';
import type { Reply, ReplyBlock } from '../../src/reply/reply.js';

// The pick's figures, as a reader of the morning post meets them: how much of the top 5 one community
// takes, how many jokes and image-only posts are in it, and how many of the configured communities the
// post accounts for by name. "before" is the summary as it was: Today's first five by points, and only
// the communities its top list and highlights happened to show.

export interface PickFigures {
  day: string;
  /** Of the top 5, the share from the community with the most posts there (0.4 = 2 of 5). */
  largestShare: number;
  /** Jokes and image-only posts in the top 5, and in its first 3. */
  lowSignalTop5: number;
  memesTop3: number;
  configured: number;
  /** Configured communities the morning post names (shown, sent to /trends communities, or said to be quiet). */
  accounted: number;
}

export const PICK_GOALS = { largestShare: 0.4, memesTop3: 0, accountedShare: 1 } as const;

export function meetsPickGoals(f: PickFigures): boolean {
  return f.largestShare <= PICK_GOALS.largestShare && f.memesTop3 <= PICK_GOALS.memesTop3 && f.accounted / Math.max(1, f.configured) >= PICK_GOALS.accountedShare;
}

function largestShare(top: Post[]): number {
  const counts = new Map<string, number>();
  for (const post of top) counts.set(post.subreddit, (counts.get(post.subreddit) ?? 0) + 1);
  return top.length === 0 ? 0 : Math.max(...counts.values()) / top.length;
}

/** Every community a reply names: in its post lists, and as "r/Name" in its text. */
export function communitiesNamed(reply: Reply): Set<string> {
  const named = new Set<string>();
  for (const block of reply.blocks) {
    if (block.type === 'posts') for (const post of block.posts) named.add(post.subreddit.toLowerCase());
    const text = block.type === 'paragraph' ? block.spans.map((s) => s.text).join('') : block.type === 'note' || block.type === 'heading' ? block.text : '';
    for (const match of text.matchAll(/r\/(\w+)/g)) named.add(match[1]!.toLowerCase());
  }
  return named;
}

export function pickFigures(report: Report, when: 'before' | 'after', configured: readonly string[]): PickFigures {
  let top: Post[];
  let named: Set<string>;
  if (when === 'after') {
    // Read off the morning post itself (its first list is the top 5), not off topPick: what a reader meets.
    const morning = morningReply({ ...report, configuredCommunities: [...configured] }, ['summary']);
    top = morning.blocks.find((b): b is Extract<ReplyBlock, { type: 'posts' }> => b.type === 'posts')?.posts ?? [];
    named = communitiesNamed(morning);
  } else {
    top = report.sections.today.slice(0, SUMMARY_POSTS);
    named = new Set(top.map((p) => p.subreddit.toLowerCase()));
    const analysis = report.analysis;
    if (analysis) {
      const brief = briefHighlightBlocks(analysis.sections.highlights, analysis.citations, SUMMARY_HIGHLIGHTS, top.map((p) => p.id));
      for (const id of brief.cited) if (analysis.citations[id]) named.add(analysis.citations[id]!.subreddit.toLowerCase());
    }
  }
  return {
    day: report.date,
    largestShare: largestShare(top),
    lowSignalTop5: top.filter(isLowSignal).length,
    memesTop3: top.slice(0, 3).filter((p) => isLowSignal(p) || isMemePost(p)).length,
    configured: configured.length,
    accounted: configured.filter((c) => named.has(c.toLowerCase())).length,
  };
}
