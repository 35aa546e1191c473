import { App, LogLevel } from '@slack/bolt';
import type { CommandServices } from '../../commands/index.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import { SlackChat } from './chat.js';
import { registerCommands } from './commands.js';

// The Slack app over HTTP (request signing checked by Bolt: a bad signature or a timestamp older than
// five minutes is answered 401 and nothing runs). Not wired into `npm start` yet: issue 8 adds Socket
// Mode, thread questions, streaming and the settings; this is the part they build on.

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  /** Web API base (tests, proxies); Slack's own otherwise. */
  apiUrl?: string;
  botUserId?: string;
  botId?: string;
  /** Admins beyond workspace owners and admins (SLACK_ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  services: CommandServices;
  followUps: FollowUps;
  clock: () => Date;
  log: Logger;
  retries?: number;
}

export interface SlackBot {
  app: App;
  chat: SlackChat;
  /** Listens on `port` (0: any free one) and resolves with the port. */
  start(port: number): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackBot {
  const app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    ...(options.botId ? { botId: options.botId } : {}),
    logLevel: LogLevel.ERROR,
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig: { retries: options.retries ?? 3 } },
  });
  const chat = new SlackChat(app.client);
  const admins = new Map<string, boolean>();
  const isAdmin = async (userId: string) => {
    if (options.adminUserIds?.includes(userId)) return true;
    if (!admins.has(userId)) {
      const { user } = await app.client.users.info({ user: userId });
      admins.set(userId, user?.is_admin === true || user?.is_owner === true);
    }
    return admins.get(userId)!;
  };
  registerCommands(app, { chat, services: options.services, followUps: options.followUps, clock: options.clock, log: options.log, isAdmin });
  return {
    app,
    chat,
    async start(port) {
      const server = (await app.start(port)) as { address(): { port: number } | string | null };
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    stop: () => app.stop().then(() => undefined),
  };
}
