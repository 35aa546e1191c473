import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatTarget, Platform, ThreadTarget } from '../chat/target.js';
import type { Logger } from '../log.js';
import type { RedditClient } from '../reddit/client.js';
import type { FeedClient } from '../reddit/feeds/client.js';
import type { Store } from '../store/store.js';
import { channelKey } from '../chat/target.js';
import { subscriptionCommunities } from '../report/view.js';
import { alertChannels } from './channels.js';
import { lookApi } from './look-api.js';
import { lookFeeds } from './look-feeds.js';
import { passes, strength, type Mover } from './movers.js';
import { sendAlert, type AlertOutcome } from './send-alert.js';
import type { AlertSetting, StoredLook } from './records.js';
import type { AlertSettings } from './settings.js';

// The alert watcher: every ALERT_POLL_MINUTES, one look at Reddit for every channel with alerts on (one
// process per look, whatever the number of processes: the look is claimed in the store, and its result
// is stored for the period), then each process alerts its own channels through sendAlert: the one that
// looked from its result, the others (Discord shards, a second bot on the store) from the stored one.
// Nothing is read while no channel here has alerts on.

export interface WatcherDeps {
  store: Store;
  /** The Data API client (API mode); else the public feeds' client. Neither: no alerts (the sample). */
  reddit?: Pick<RedditClient, 'getJson'>;
  feeds?: Pick<FeedClient, 'get' | 'shownUrl'>;
  /** The configured communities: what a channel watches unless its subscription names its own (subscriptionCommunities). */
  communities: readonly string[];
  chats: Partial<Record<Platform, ChatAdapter>>;
  owns?: (target: ChatTarget) => boolean;
  bindThread: (thread: ThreadTarget, reportDate: string) => Promise<void>;
  settings: AlertSettings;
  owner: string;
  claimTtlMs: number;
  log: Logger;
  /** How long a process that did not get the period's look waits for the stored result (default: a tenth of the period, at most a minute). */
  lookWaitMs?: number;
}

export interface LookResult {
  /** Whether this process looked (false: nothing to watch here, another process has this look, no source). */
  looked: boolean;
  /** Whether it alerted from the look another process stored for this period. */
  shared: boolean;
  movers: number;
  outcomes: Array<{ channel: string; post: string; outcome: AlertOutcome }>;
}

/** One look: what the scheduler runs every ALERT_POLL_MINUTES (and tests call with their own `now`). */
export async function lookOnce(deps: WatcherDeps, now: Date): Promise<LookResult> {
  const result: LookResult = { looked: false, shared: false, movers: 0, outcomes: [] };
  const owns = deps.owns ?? (() => true);
  const all = await alertChannels(deps.store);
  const channels = all.filter((s) => deps.chats[s.target.platform] && owns(s.target));
  if (channels.length === 0 || (!deps.reddit && !deps.feeds)) return result;
  // One look per period across every process on the store: the claim is kept until the period ends.
  const slot = Math.floor(now.getTime() / deps.settings.pollMs);
  // What each channel watches: the communities its morning post's subscription names, else the configured ones.
  const subscribed = await deps.store.subscriptions.getMany(all.map((s) => channelKey(s.target)));
  const watching = new Map(all.map((s, i) => [s, subscriptionCommunities(subscribed[i] ?? {}, deps.communities)]));
  let movers: Mover[];
  if (await deps.store.claims.claim(`alert-look:${slot}`, deps.owner, deps.settings.pollMs)) {
    result.looked = true;
    // For every channel with alerts on, not only this process's: the others alert theirs from it.
    const watched = [...new Set(all.flatMap((s) => watching.get(s)!))];
    movers = deps.reddit ? await lookApi(deps.reddit, watched, deps.store, now) : await lookFeeds(deps.feeds!, watched, now);
    await deps.store.alertLooks.set(String(slot), { at: now.toISOString(), movers }, 2 * deps.settings.pollMs);
  } else {
    const stored = await storedLook(deps, slot);
    if (!stored) return result;
    result.shared = true;
    movers = stored.movers;
  }
  result.movers = movers.length;
  for (const setting of channels) {
    const mine = new Set(watching.get(setting)!.map((c) => c.toLowerCase()));
    const candidates = movers.filter((m) => mine.has(m.post.subreddit.toLowerCase()) && passes(m, setting.level)).sort((a, b) => strength(b) - strength(a));
    for (const mover of candidates) {
      const outcome = await sendAlert(deps.chats[setting.target.platform]!, setting, mover, now, { ...deps, perDay: deps.settings.perDay });
      result.outcomes.push({ channel: setting.target.channelId, post: mover.post.id, outcome });
      // Nothing more for this channel in this look: it is quiet, full for the day, or another process has it.
      if (outcome === 'quiet' || outcome === 'cap' || outcome === 'held') break;
    }
  }
  return result;
}

/** The look another process made for this period, waiting a little while it is still being made. */
async function storedLook(deps: WatcherDeps, slot: number): Promise<StoredLook | undefined> {
  const waitMs = deps.lookWaitMs ?? Math.min(60_000, deps.settings.pollMs / 10);
  for (const start = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const stored = await deps.store.alertLooks.get(String(slot));
    if (stored || Date.now() - start >= waitMs) return stored;
  }
}

export interface AlertWatcher {
  stop(graceMs?: number): Promise<void>;
}

/**
 * The first look this long after start (once the platforms are connected): a restart does not leave the
 * channels unwatched for a period, and costs Reddit nothing more (the period's look is claimed and stored,
 * so a process that starts again within it alerts from the stored one).
 */
const FIRST_LOOK_AFTER_MS = 5_000;

/** Looks every ALERT_POLL_MINUTES (the first a few seconds after start) until stopped. */
export function startAlertWatcher(deps: WatcherDeps, clock: () => Date): AlertWatcher {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = lookOnce(deps, clock())
      .then((r) => r.outcomes.length > 0 && deps.log.debug({ movers: r.movers, alerts: r.outcomes.length }, 'alerts: look'))
      .catch((error: unknown) => deps.log.warn({ err: String(error) }, 'alerts: the look failed; the next one tries again'))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(tick, Math.min(FIRST_LOOK_AFTER_MS, deps.settings.pollMs));
  const timer = setInterval(tick, deps.settings.pollMs);
  first.unref();
  timer.unref();
  return {
    async stop(graceMs = 5_000) {
      clearTimeout(first);
      clearInterval(timer);
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
