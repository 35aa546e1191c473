import { Pacer } from '../../src/chat/pacer.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { Logger } from '../../src/log.js';

// chat.postMessage paced the way Slack limits it, so that a morning pass to every channel of a workspace
// runs at the workspace's real rate without meeting 429s, and without holding up answers:
// - about one message a second per channel (Slack's documented limit), a little over a second apart, for
//   the pass's posts (a report posted in full continues in its thread); an answer or a command's reply of
//   a few messages goes at once, as the short bursts Slack allows in a channel;
// - a workspace-wide allowance that Slack does not publish ("several hundred a minute"): unknown, posts go
//   as fast as they come until the first 429; its Retry-After and the posts Slack took just before it tell
//   the allowance, which is kept (lowered at a later 429, never raised again) and paces every later post;
//   SLACK_POSTS_PER_MINUTE gives it from the start;
// - posts in the background (the pass) wait behind any other (answers, commands) for the workspace's slots,
//   so a pass delays an answer by one slot at most (1/allowance: 20 ms at 50 a second).

/** A little over a second between posts to one channel: Slack counts in its own windows, with jitter. */
const CHANNEL_POSTS_PER_SECOND = 1000 / 1_050;
/** The share of a learnt allowance used: evenly spaced posts at 94% never fill a window (Discord's 47 of 50 was measured so). */
const ALLOWANCE_SHARE = 0.94;
/** Each later 429 lowers the allowance by this factor. */
const LOWER_BY = 0.9;
export class SlackPostPacing {
  private readonly channels = new Pacer(CHANNEL_POSTS_PER_SECOND);
  private readonly workspaces: Pacer;
  /** Per workspace, when Slack took its recent posts (ms), the last few seconds of them. */
  private readonly taken = new Map<string, number[]>();
  /** Per workspace, since when its posts go at the pace last set (a 429 for an earlier post is the old pace's). */
  private readonly pacedSince = new Map<string, number>();

  constructor(
    postsPerMinute: number | undefined,
    private readonly log?: Logger,
  ) {
    this.workspaces = new Pacer(postsPerMinute ? postsPerMinute / 60 : Infinity);
  }

  /** Waits for the post's slot: in its channel (the pass's posts), then in its workspace. */
  async before(target: ChatTarget, background: boolean): Promise<void> {
    if (background) await this.channels.wait(`${target.workspaceId} ${target.channelId}`, { background });
    await this.workspaces.wait(target.workspaceId, { background });
  }

  /** Slack took a post. */
  took(target: ChatTarget): void {
    const times = this.taken.get(target.workspaceId) ?? (this.taken.set(target.workspaceId, []), this.taken.get(target.workspaceId)!);
    const now = Date.now();
    times.push(now);
    // A few windows' worth, no more: a busy workspace's history stays a few hundred numbers.
    while (times.length > 0 && times[0]! < now - WINDOW_KEPT_MS) times.shift();
  }

  /**
   * Slack answered 429 with `retryAfterSeconds` to a post sent at `sentAt`: the workspace waits that long,
   * and its allowance is learnt, or lowered when a post sent under the learnt pace was refused too (the
   * other posts of the burst that taught it, in flight at the time, teach nothing more).
   */
  refused(target: ChatTarget, retryAfterSeconds: number, sentAt: number): void {
    const now = Date.now();
    const window = Math.max(1, retryAfterSeconds) * 1000;
    const workspace = target.workspaceId;
    this.workspaces.hold(workspace, now + retryAfterSeconds * 1000);
    const known = this.workspaces.rate(workspace);
    if (Number.isFinite(known) && sentAt < (this.pacedSince.get(workspace) ?? 0)) return;
    this.pacedSince.set(workspace, now);
    // The most Slack took in any window as long as the Retry-After speaks of, as a rate: the allowance, near
    // enough. The busiest window, not the last one: a bot slowed down (a stalled event loop, a busy machine)
    // sees its answers late and bunched, and would learn its own pace instead of Slack's.
    const took = busiest(this.taken.get(workspace) ?? [], window) / (window / 1000);
    const rate = Number.isFinite(known) ? Math.max(0.5, known * LOWER_BY) : Math.max(1, Math.floor(took * ALLOWANCE_SHARE));
    this.workspaces.setRate(workspace, rate);
    this.log?.warn({ platform: 'slack', workspace, retryAfterSeconds, postsPerSecond: Number(rate.toFixed(2)), learnt: !Number.isFinite(known) }, Number.isFinite(known) ? 'slack: rate limited again; posting more slowly in this workspace' : "slack: learnt this workspace's allowance from its first 429; posts go evenly under it from now on");
  }

  /** The workspace's allowance in posts a second (Infinity until known). */
  allowance(workspaceId: string): number {
    return this.workspaces.rate(workspaceId);
  }
}

/** How much history of taken posts is kept per workspace. */
const WINDOW_KEPT_MS = 60_000;

/** The most of `times` (ascending, ms) within any span of `window` ms. */
function busiest(times: readonly number[], window: number): number {
  let most = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= window) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
