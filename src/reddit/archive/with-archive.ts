import { plural } from '../../analysis/offline/text.js';
import type { PostSource } from '../../report/source.js';
import { quoteInput } from '../../text/quote.js';
import { describe } from '../errors.js';
import type { ArchivedNumbers, PostArchive } from './archive.js';
import { mergeArchived, postsAwaitingNumbers } from './merge.js';

// REDDIT_ARCHIVE: any rung of the source ladder, with the points, comments and NSFW flag of its older
// posts filled from a third-party archive where the rung had none (the public feeds give neither). A rung
// that gives numbers (the API, the sample) has nothing to fill and the archive is never asked.
// The archive is optional and promises nothing: when it fails, the report is the rung's own, with one
// warning; it never fails the report.

/**
 * Longest failure quoted in the warning. The messages are ours, but a redirect's Location is the upstream's
 * text: quoted like any untrusted text (no ping, no live link in chat) and bounded.
 */
const FAILURE_MAX = 200;

export function withArchive(source: PostSource, archive: PostArchive): PostSource {
  return {
    mode: source.mode,
    collect: async (now, onProgress) => {
      const collected = await source.collect(now, onProgress);
      const awaiting = postsAwaitingNumbers(collected.posts, now);
      if (awaiting.length === 0) return collected;
      let archived: ArchivedNumbers[];
      try {
        archived = await archive.lookup(awaiting.map((post) => post.id));
      } catch (error) {
        const why = quoteInput(describe(error), FAILURE_MAX);
        return { ...collected, warnings: [...collected.warnings, `archive numbers left out: ${why}; older posts show no points or comments`] };
      }
      const merged = mergeArchived(collected.posts, archived, new Set(awaiting.map((post) => post.id)));
      const warnings = merged.droppedNsfw > 0 ? [...collected.warnings, `${plural(merged.droppedNsfw, 'post')} left out: ${archive.label} marks ${merged.droppedNsfw === 1 ? 'it' : 'them'} NSFW`] : collected.warnings;
      const from = merged.filled > 0 ? { ...collected.source, archive: { name: archive.name, posts: merged.filled } } : collected.source;
      return { ...collected, posts: merged.posts, warnings, source: from };
    },
  };
}
