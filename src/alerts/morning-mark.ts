import { channelKey, type ChatTarget } from '../chat/target.js';
import type { Reply, ReplyBlock } from '../reply/reply.js';
import type { Store } from '../store/store.js';
import { daysBefore } from '../time/day.js';
import { localClock } from '../time/local-time.js';
import { alertDayKey } from './records.js';

// The morning post marks the posts its channel was already alerted to: "(alerted 14:05)" after the
// title, in the channel's own zone. One store read (the report's day and the day before); a channel
// without alerts gets the shared Reply untouched.

/** Post id → local time of its alert, for the alerts of `reportDate` and the day before. */
export async function alertedPosts(store: Store, target: ChatTarget, reportDate: string, timeZone: string): Promise<Map<string, string>> {
  const key = channelKey(target);
  const days = await store.alertDays.getMany([alertDayKey(key, daysBefore(reportDate, 1)), alertDayKey(key, reportDate)]);
  const marks = new Map<string, string>();
  for (const day of days) for (const alert of day?.alerts ?? []) if (alert.state === 'done') marks.set(alert.postId, localClock(new Date(alert.at), timeZone));
  return marks;
}

/** `reply` with every alerted post's title marked, in lists and highlight links alike (its shorter versions too). */
export function markAlerted(reply: Reply, marks: ReadonlyMap<string, string>): Reply {
  if (marks.size === 0) return reply;
  const byUrl = new Map<string, string>();
  const mark = (block: ReplyBlock): ReplyBlock => {
    if (block.type === 'posts') {
      return {
        ...block,
        posts: block.posts.map((post) => {
          const at = marks.get(post.id);
          if (at) byUrl.set(post.url, at);
          return at ? { ...post, title: `${post.title} (alerted ${at})` } : post;
        }),
      };
    }
    if (block.type === 'paragraph') {
      return { ...block, spans: block.spans.flatMap((span) => (span.url && byUrlOf(span.url) ? [span, { text: ` (alerted ${byUrlOf(span.url)})` }] : [span])) };
    }
    return block;
  };
  const byUrlOf = (url: string) => byUrl.get(url) ?? [...marks.keys()].map((id) => (url.endsWith(`/comments/${id}`) ? marks.get(id) : undefined)).find(Boolean);
  return { ...reply, blocks: reply.blocks.map(mark), ...(reply.shorter ? { shorter: markAlerted(reply.shorter, marks) } : {}) };
}
