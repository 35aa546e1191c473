import type { CommunityCheck } from './subscription-options.js';
import type { DailyReport, DailyReportOptions } from '../src/report/daily.js';
import type { BuildProgress } from '../src/store/records.js';
import { note, type Reply } from '../src/reply/reply.js';
import type { ChatTarget } from '../src/chat/target.js';
import type { Store } from '../src/store/store.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics/metrics.js';

// What every chat command is: metadata an adapter can register (Discord slash options, Slack usage
// text), a parser for typed words, and a handler that returns a neutral Reply. Nothing here knows which
// platform asked, beyond the facts the adapter passes in the context.

/** The services commands use; DailyReports in the app, a stub in some tests. */
export interface CommandServices {
  reports: {
    get(options: DailyReportOptions): Promise<DailyReport>;
    /** How far the day's build has got while it runs (DailyReports); absent in stubs. */
    progress?(date: string): Promise<BuildProgress | undefined>;
  };
  store: Store;
  /** The configured communities (for suggestions); the report's own are used when absent. */
  communities?: readonly string[];
  /** Times each command (latency histograms). */
  metrics?: Pick<Metrics, 'commandStarted'>;
  /** Where a command that failed is told to the operator (the user gets a private note). */
  log?: Logger;
  /** PUBLIC_URL: a report reply ends with a link to the day's page there. */
  publicUrl?: string;
  /** ALERTS_PER_DAY, for the /alerts confirmation (default 3). */
  alertsPerDay?: number;
  /** Whether a community outside the configured ones exists and is public (the Reddit API); absent: only configured ones. */
  checkCommunity?: CommunityCheck;
  /** MAX_COMMUNITIES: the union of communities subscriptions may want. */
  maxCommunities?: number;
}

export interface CommandContext {
  /** Where the command was typed (its answer goes there too). */
  target: ChatTarget;
  userId: string;
  /** Decided by the adapter from the platform's permissions (Manage Server, workspace admin…). */
  isAdmin: boolean;
  now: Date;
  services: CommandServices;
  /**
   * How this platform spells a command, for replies that name one: `/trends-subscribe` on Discord,
   * `/trends subscribe` on Slack; `/subscribe` (the default) in the terminal.
   */
  spell?: (name: string) => string;
  /**
   * Shows the asker something now while the answer takes long (today's report still being collected), where
   * the platform can: Discord edits its deferred reply, Slack answers privately, the terminal prints. The
   * command's reply follows as usual when ready. Absent: the asker just waits.
   */
  interim?: (reply: Reply) => Promise<void>;
}

/** A command's name as the user types it where they are. */
export function spelled(context: Pick<CommandContext, 'spell'>, name: string): string {
  return context.spell ? context.spell(name) : `/${name}`;
}

export interface CommandOption {
  name: string;
  description: string;
  /** Fixed values, for platforms that offer a pick list. */
  choices?: readonly string[];
  /** Values the platform may suggest while the user types (commands/suggest.ts computes them). */
  suggest?: 'reportDates' | 'communities' | 'communityList' | 'timeZones';
  example: string;
}

/** Option values by name, as a parser or a platform's named options give them: always strings. */
export type OptionValues = Partial<Record<string, string>>;

export type ParseResult<O extends OptionValues> = { ok: true; options: O } | { ok: false; reply: Reply };

export interface Command<O extends OptionValues = OptionValues> {
  name: string;
  description: string;
  usage: string;
  options: readonly CommandOption[];
  adminOnly: boolean;
  /** Why only admins may run it, as a member who tries is told ("it changes what this channel receives"). */
  adminReason?: string;
  /**
   * What a platform must decide before running the command (Discord defers within 3 s, publicly or
   * privately, and cannot change its mind): `private` answers are for the asker only; `slow` ones may
   * take longer than 3 s (building today's report). An error reply is private whatever is declared.
   */
  answer: { private: boolean; slow: boolean };
  /** Words typed after the command name, in any order (their shapes tell them apart). */
  parse(tokens: string[]): ParseResult<O>;
  run(options: O, context: CommandContext): Promise<Reply>;
}

/** A mistake in what the user typed: shown only to them, with what they can do instead. */
export function errorReply(message: string): Reply {
  return { blocks: [note(message, 'error')], private: true };
}

export function fail<O extends OptionValues>(message: string): ParseResult<O> {
  return { ok: false, reply: errorReply(message) };
}

/** The polite answer to a non-admin asking for an admin-only command, shown only to them, with that command's reason. */
export function adminRefusal(command: Pick<Command, 'name' | 'adminReason'>, context: Pick<CommandContext, 'spell'> = {}): Reply {
  const why = command.adminReason ? `: ${command.adminReason}` : '';
  return {
    blocks: [note(`Sorry, only admins can use ${spelled(context, command.name)}${why}. An admin of this server or workspace can run it for you.`, 'info')],
    private: true,
  };
}
