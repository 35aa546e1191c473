import type { Reply, ReplyBlock } from '../reply/reply.js';
import { neutraliseMentions } from '../text/mentions.js';

// The last step before an answer leaves the core: nothing in it may ping, whoever wrote the words
// (the model, a Reddit title, a comment, the question quoted back).

export function neutraliseReply(reply: Reply): Reply {
  const safe = neutraliseMentions;
  const blocks = reply.blocks.map((block): ReplyBlock => {
    switch (block.type) {
      case 'heading':
        return { ...block, text: safe(block.text) };
      case 'note':
        return { ...block, text: safe(block.text) };
      case 'paragraph':
        return { ...block, spans: block.spans.map((span) => ({ ...span, text: safe(span.text) })) };
      case 'posts':
        return { ...block, posts: block.posts.map((post) => ({ ...post, title: safe(post.title), subreddit: safe(post.subreddit), flair: post.flair === null ? null : safe(post.flair) })) };
    }
  });
  return { ...reply, blocks, ...(reply.openThread ? { openThread: { ...reply.openThread, title: safe(reply.openThread.title) } } : {}) };
}
