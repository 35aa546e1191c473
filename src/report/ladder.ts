import { redactUrl } from '../text/redact.js';
import type { PartStatus } from '../health/checks.js';
import { CredentialsRefusedError, RedditError } from '../reddit/errors.js';
import type { PostDetailsSource } from '../reddit/post-details.js';
import type { PostSource, SourceCollected } from './source.js';
import type { CollectProgress } from '../models.js';

// The live rungs of the source ladder (DESIGN.md, "Sources are a ladder"): Reddit's OAuth API, then the
// public feeds. REDDIT_SOURCE picks them: `auto` tries the API when credentials are set and falls through
// to the feeds when it fails; `api` and `feeds` use one rung. The stale day and the sample below them are
// DailyReports' fallbacks, for when this whole ladder fails.
//
// A refused key (Reddit's token endpoint answering 401 `invalid_client`: revoked since mid-2026) is said
// once (onRefused: the log), shown by /healthz for as long as the process runs, and remembered: no token
// request is sent again before a restart, which is when new credentials can arrive.

export interface Rung {
  source: PostSource;
  details: PostDetailsSource;
}

export interface LadderOptions {
  mode: 'auto' | 'api' | 'feeds';
  /** Set when REDDIT_CLIENT_ID/SECRET are (and the mode may use the API). */
  api?: Rung;
  /** Set unless the mode is `api`. */
  feeds?: Rung;
  /** Told once, when the API's key is refused: the operator's line (naming the credentials and what to do). */
  onRefused?: (message: string) => void;
  /** Secrets (the feed token) taken out of every message this ladder makes from an upstream error. */
  secrets?: string[];
  clock?: () => Date;
}

/** Every live rung failed: why, rung by rung, redacted (DailyReports' fallback warning quotes it). */
export class LiveSourceError extends Error {
  override name = 'LiveSourceError';

  constructor(
    readonly failures: string[],
    /** The last rung's own error (a FeedsBlockedError, a RedditError…). */
    override readonly cause: unknown,
  ) {
    super(failures.join('; '));
  }
}

const refusedAdvice =
  'renew them at https://www.reddit.com/prefs/apps (new apps need approval under the Responsible Builder Policy), or remove them to use the public feeds on purpose, then restart';

export class SourceLadder implements PostSource {
  readonly mode: LadderOptions['mode'];
  /** Bodies and comments from the rung in use: the API until its key is refused, else the feeds. */
  readonly details: PostDetailsSource;
  private refusal?: { at: Date; message: string; error: CredentialsRefusedError };

  constructor(private readonly options: LadderOptions) {
    this.mode = options.mode;
    // `auto` without credentials is the feeds alone.
    if (options.mode === 'api' && !options.api) throw new Error('SourceLadder: REDDIT_SOURCE=api needs the API rung');
    if (options.mode !== 'api' && !options.feeds) throw new Error(`SourceLadder: REDDIT_SOURCE=${options.mode} needs the feeds rung`);
    this.details = { fetch: (post, now, limits) => this.withRungs((rung) => rung.details.fetch(post, now, limits)) };
  }

  async collect(now: Date, onProgress?: (progress: CollectProgress) => void): Promise<SourceCollected> {
    const tagged = (rung: 'api' | 'feeds') => (onProgress ? (progress: CollectProgress) => onProgress({ ...progress, rung }) : undefined);
    const failures: string[] = [];
    let lastError: unknown;
    const { api, feeds } = this.usable();
    if (api) {
      try {
        return await api.source.collect(now, tagged('api'));
      } catch (error) {
        if (error instanceof CredentialsRefusedError) this.refuse(error);
        lastError = error;
        failures.push(this.describe('api', error));
      }
    } else if (this.refusal) {
      failures.push(this.refusal.message);
    }
    const warnings = this.refusal && feeds ? [this.refusalWarning()] : [];
    if (feeds) {
      try {
        const collected = await feeds.source.collect(now, tagged('feeds'));
        // The API failed for another reason (an outage, a long rate-limit window): say why these are feed posts.
        const apiFailure = api && !this.refusal ? [`${failures[0]}: today's posts come from the public feeds instead`] : [];
        return { ...collected, warnings: [...warnings, ...apiFailure, ...collected.warnings] };
      } catch (error) {
        lastError = error;
        failures.push(this.describe('feeds', error));
      }
    }
    throw new LiveSourceError(failures, lastError);
  }

  /** The refused key, for /healthz; undefined while nothing is to be said. */
  status(): PartStatus | undefined {
    if (!this.refusal) return undefined;
    // Up, not down: the bot still serves reports (from the feeds, or the stale day and the sample in
    // REDDIT_SOURCE=api), and an orchestrator restarting it on a 503 would change nothing.
    const serving = this.options.feeds ? 'reports are collected from the public feeds (no points or comment counts)' : 'REDDIT_SOURCE=api: reports fall back to the newest stored day, else the bundled sample';
    return {
      ok: true,
      detail: `${this.refusal.message} at ${this.refusal.at.toISOString()}; ${serving} until the bot restarts with working credentials`,
      fix: `Reddit no longer accepts this app's key: ${refusedAdvice}`,
    };
  }

  /** The rungs this mode may use now: the API leaves the ladder once its key is refused. */
  private usable(): { api?: Rung; feeds?: Rung } {
    const { mode, api, feeds } = this.options;
    return { api: mode !== 'feeds' && !this.refusal ? api : undefined, feeds: mode !== 'api' ? feeds : undefined };
  }

  /** `work` on the rung in use, falling through to the feeds when the API's key turns out refused. */
  private async withRungs<T>(work: (rung: Rung) => Promise<T>): Promise<T> {
    const { api, feeds } = this.usable();
    if (api) {
      try {
        return await work(api);
      } catch (error) {
        if (!(error instanceof CredentialsRefusedError)) throw error;
        this.refuse(error);
        if (!feeds) throw error;
      }
    }
    if (feeds) return work(feeds);
    throw this.refusal!.error;
  }

  private refuse(error: CredentialsRefusedError): void {
    if (this.refusal) return;
    const code = error.reason ? ` (${error.reason})` : ` (${error.status})`;
    const message = `Reddit refused the API credentials REDDIT_CLIENT_ID/REDDIT_CLIENT_SECRET${code}`;
    this.refusal = { at: (this.options.clock ?? (() => new Date()))(), message, error };
    const next = this.options.feeds ? 'collecting from the public feeds instead, and not asking for a token again until a restart' : 'REDDIT_SOURCE=api has no other rung';
    this.options.onRefused?.(`${message}: ${next}. To use the API again, ${refusedAdvice}`);
  }

  private refusalWarning(): string {
    return `${this.refusal!.message}: these posts come from Reddit's public feeds, without points or comment counts. To use the API again, ${refusedAdvice}`;
  }

  /** One rung's failure in words, with its redacted reason. */
  private describe(rung: 'api' | 'feeds', error: unknown): string {
    if (error instanceof CredentialsRefusedError) return this.refusal!.message;
    const reason = this.scrub(error instanceof RedditError ? withOriginOnly(error) : error instanceof Error ? error.message : String(error));
    if (rung === 'api') return `Reddit's API failed (${reason})`;
    const unreachable = error instanceof RedditError && (error.kind === 'network' || error.kind === 'timeout');
    return `Reddit's public feeds ${unreachable ? 'could not be reached' : 'failed'} (${reason})`;
  }

  private scrub(text: string): string {
    return (this.options.secrets ?? []).filter((secret) => secret.length > 0).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  }
}

/**
 * A Reddit error's message naming only the host it asked, not the whole URL: a warning shown in chat and
 * on a terminal has no use for the list of every configured community in a multireddit path.
 */
function withOriginOnly(error: RedditError): string {
  const shown = redactUrl(error.url);
  let origin: string;
  try {
    origin = new URL(shown).origin;
  } catch {
    return error.message;
  }
  return error.message.split(`(${shown})`).join(`(${origin})`);
}
