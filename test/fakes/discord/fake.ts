// FakeDiscord: one node:http server on 127.0.0.1 (port 0) serving REST under /api/vN and the gateway at
// /gateway, plus the test driver (slash commands, autocomplete, user messages) and assertions helpers
// (calls, messages with edit history, waitFor). A real discord.js 14.28 Client logs into it with
// `new Client({ intents, rest: { api: fake.apiBase, timeout: 2000, retries: 1 } })` and `login(fake.token)`.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomToken, snowflake } from './ids.js';
import {
  DiscordState, apiChannel, apiGuild, apiMember, apiMessage, makeUser, newMessage, Intents, ALL_PERMISSIONS,
} from './state.js';
import type { ApiUser, ChannelRecord, InteractionRecord, StoredMessage } from './state.js';
import { FakeGateway } from './gateway.js';
import { sessionOwns, sessionShard } from './gateway.js';
import type { GatewaySession, IdentifyRecord } from './gateway.js';
import { RestServer } from './server.js';
import type { FailureMatch, FailureReply, RecordedCall } from './server.js';
import type { RouteContext } from './routes.js';

export interface FakeDiscordOptions {
  /** Added before every REST response (ms), for benchmarks. */
  latencyMs?: number;
  /**
   * Discord's global rate limit: beyond `perSecond` bot-token requests in a rolling second, requests are
   * answered 429 `global: true` (Retry-After in whole seconds, as Discord sends it). Off by default.
   */
  globalRateLimit?: { perSecond: number };
  /** HELLO's heartbeat_interval (ms). Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  botUsername?: string;
  guildName?: string;
  channelName?: string;
  /** Permission bits of @everyone / of the bot's role in the default guild (decimal string or bigint). */
  everyonePermissions?: bigint | string;
  botPermissions?: bigint | string;
  /** More guilds, each with its text channels (ids generated unless given). */
  guilds?: GuildInput[];
  /** The `shards` GET /gateway/bot recommends (what DISCORD_SHARDS=auto starts). Default 1. */
  recommendedShards?: number;
  /** GET /gateway/bot's session_start_limit.max_concurrency (IDENTIFYs allowed per 5 s). Default 1. */
  maxConcurrency?: number;
  /** As for a bot in 2,500 guilds or more: an IDENTIFY with fewer shards than this is closed with 4011. */
  shardsRequired?: number;
}
export interface GuildInput { id?: string; name?: string; channels?: ChannelInput[]; everyonePermissions?: bigint | string; botPermissions?: bigint | string }
export interface ChannelInput { id?: string; name?: string; type?: number; parentId?: string }

export interface CommandOptionInput {
  name: string;
  /** 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, 7 channel, 8 role, 10 number. Inferred from value. */
  type?: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOptionInput[];
}
export interface SlashCommandInput {
  name: string;
  options?: CommandOptionInput[];
  /** The invoking user; default `fake.user`. */
  userId?: string;
  guildId?: string;
  channelId?: string;
  /** The member's permissions (default: everything). */
  memberPermissions?: bigint | string;
  /** A DM with the bot (no guild; `user` instead of `member`). */
  dm?: boolean;
  locale?: string;
  /** data.id; default the registered command's id with that name, else a new snowflake. */
  commandId?: string;
}
export interface DispatchedInteraction {
  id: string; token: string;
  /** The shard ids of the gateway sessions it was sent to (one, the guild's shard, when the bot is sharded). */
  shards: number[];
}
export interface AutocompleteHandle extends DispatchedInteraction {
  /** Resolves with the choices of the type 8 callback (rejects after timeoutMs, default 3000). */
  choices(timeoutMs?: number): Promise<Array<{ name: string; value: string | number }>>;
}
export interface UserMessageInput {
  channelId?: string;
  content: string;
  authorId?: string;
  authorBot?: boolean;
  /** Adds the bot to `mentions` (also implied when content contains <@botId>). */
  mentionsBot?: boolean;
  /** Message type; 0 default (19 = reply). */
  type?: number;
  guildId?: string;
  /** A reply to this message id (message_reference + referenced_message). */
  replyTo?: string;
  embeds?: unknown[];
  attachments?: Array<{ filename: string; size?: number; content_type?: string }>;
}
export interface UserMessageUpdateInput { channelId: string; messageId: string; content: string; embeds?: unknown[] }

const perms = (v: bigint | string | undefined) => (v === undefined ? undefined : v.toString());

export class FakeDiscord {
  readonly state: DiscordState;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: ApiUser;
  /** A default human user (the guild owner), used when a driver call names no user. */
  readonly user: ApiUser;
  readonly guildId: string;
  readonly channelId: string;
  apiBase = '';
  gatewayUrl = '';
  /** Every IDENTIFY received (the last is `identify`). */
  readonly identifies: IdentifyRecord[] = [];
  private readyCount = 0;
  private readyWaiters: Array<() => void> = [];
  private readonly rest: RestServer;
  private readonly messageListeners = new Set<(m: StoredMessage) => void>();
  private gateway!: FakeGateway;
  private server!: Server;
  private origin = '';

  constructor(readonly options: FakeDiscordOptions = {}) {
    this.botUser = makeUser(snowflake(), options.botUsername ?? 'ai-trends', true);
    this.applicationId = this.botUser.id; // like Discord for bots created since 2016
    this.token = `${Buffer.from(this.botUser.id).toString('base64url')}.${randomToken('', 4)}.${randomToken('', 20)}`;
    this.state = new DiscordState(this.botUser, this.applicationId);
    this.user = this.addUser({ username: 'alice' });
    const g = this.addGuild({
      name: options.guildName ?? 'AI Trends Test', channels: [{ name: options.channelName ?? 'general' }],
      ...(options.everyonePermissions !== undefined ? { everyonePermissions: options.everyonePermissions } : {}),
      ...(options.botPermissions !== undefined ? { botPermissions: options.botPermissions } : {}),
    });
    this.guildId = g.guildId;
    this.channelId = g.channelIds[0]!;
    for (const extra of options.guilds ?? []) this.addGuild(extra);
    this.rest = new RestServer(() => this.routeContext(), {
      ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
      ...(options.globalRateLimit ? { globalRateLimit: options.globalRateLimit } : {}),
    });
  }

  /** @internal */
  async listen(): Promise<void> {
    this.server = createServer((req, res) => { void this.rest.handle(req, res); });
    this.gateway = new FakeGateway(this.server, {
      token: this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 41_250,
      ...(this.options.shardsRequired ? { shardsRequired: this.options.shardsRequired } : {}),
      readyPayload: (s) => this.readyPayload(s),
      guildCreates: (s) => [...this.state.guilds.values()].filter((g) => sessionOwns(s, g.id)).map((g) => apiGuild(this.state, g)),
      onIdentify: (rec) => { this.identifies.push(rec); },
      onReadySent: () => {
        this.readyCount++;
        for (const w of this.readyWaiters.splice(0)) w();
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.apiBase = `${this.origin}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  }

  private routeContext(): RouteContext {
    return {
      state: this.state, token: this.token, origin: this.origin, gatewayUrl: this.gatewayUrl,
      recommendedShards: this.options.recommendedShards ?? 1,
      maxConcurrency: this.options.maxConcurrency ?? 1,
      dispatch: (t, d, filter) => { this.gateway.dispatch(t, d, filter); },
      onMessageChange: (m) => { for (const l of [...this.messageListeners]) l(m); },
    };
  }

  private readyPayload(s: GatewaySession): Record<string, unknown> {
    return {
      v: 10, user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0 }, user_settings: {},
      guilds: [...this.state.guilds.keys()].filter((id) => sessionOwns(s, id)).map((id) => ({ id, unavailable: true })),
      private_channels: [], relationships: [], presences: [], guild_join_requests: [], geo_ordered_rtc_regions: [],
      session_id: s.id, session_type: 'normal', resume_gateway_url: this.gatewayUrl,
      shard: s.identify.shard ?? [0, 1], application: { id: this.applicationId, flags: 0 }, _trace: ['fake-discord'],
    };
  }

  // ---- World setup --------------------------------------------------------------------------------------

  addUser(opts: { id?: string; username?: string; bot?: boolean } = {}): ApiUser {
    const id = opts.id ?? snowflake();
    const u = makeUser(id, opts.username ?? `user${id.slice(-4)}`, opts.bot ?? false);
    this.state.users.set(id, u);
    // Everyone is a member of the default guild once it exists.
    const g = this.guildId ? this.state.guilds.get(this.guildId) : undefined;
    if (g && !g.members.has(id)) g.members.set(id, { user: u, roles: [], joinedAt: new Date().toISOString() });
    return u;
  }

  /** Adds a guild (and its text channels; one 'general' when none given). Dispatches GUILD_CREATE to connected clients. */
  addGuild(input: GuildInput = {}): { guildId: string; channelIds: string[] } {
    const g = this.state.addGuild({
      ...(input.id ? { id: input.id } : {}), name: input.name ?? 'Fake Guild', ownerId: this.user?.id ?? this.botUser.id,
      ...(input.everyonePermissions !== undefined ? { everyonePermissions: perms(input.everyonePermissions)! } : {}),
      ...(input.botPermissions !== undefined ? { botPermissions: perms(input.botPermissions)! } : {}),
    });
    const channelIds = (input.channels?.length ? input.channels : [{ name: 'general' }]).map((c, i) =>
      this.state.addChannel({
        ...(c.id ? { id: c.id } : {}), type: c.type ?? 0, name: c.name ?? `channel-${i}`, guildId: g.id,
        parentId: c.parentId ?? null, position: i,
      }).id);
    if (this.gateway) this.gateway.dispatch('GUILD_CREATE', apiGuild(this.state, g), (s) => (s.intents & Intents.Guilds) !== 0);
    return { guildId: g.id, channelIds };
  }

  /** Adds a channel to a guild (default guild); dispatches CHANNEL_CREATE. */
  addChannel(input: ChannelInput & { guildId?: string } = {}): string {
    const guildId = input.guildId ?? this.guildId;
    const c = this.state.addChannel({
      ...(input.id ? { id: input.id } : {}), type: input.type ?? 0, name: input.name ?? 'channel', guildId,
      parentId: input.parentId ?? null, position: this.state.guildChannels(guildId).length,
    });
    this.gateway?.dispatch('CHANNEL_CREATE', apiChannel(this.state, c), (s) => (s.intents & Intents.Guilds) !== 0);
    return c.id;
  }

  /** The DM channel between the bot and a user (default `fake.user`), created on first use. */
  dmChannel(userId: string = this.user.id): string {
    const existing = [...this.state.channels.values()].find((c) => c.type === 1 && c.recipient?.id === userId);
    if (existing) return existing.id;
    const user = this.state.users.get(userId) ?? this.addUser({ id: userId });
    return this.state.addChannel({ type: 1, recipient: user }).id;
  }

  channel(channelId: string): ChannelRecord | undefined { return this.state.channels.get(channelId); }

  // ---- Gateway -------------------------------------------------------------------------------------------

  /** The last IDENTIFY (intents, properties, shard), or undefined before any. */
  get identify(): IdentifyRecord | undefined { return this.identifies.at(-1); }

  /** Resolves once a client has identified and was sent READY + every GUILD_CREATE. */
  ready(timeoutMs = 5000): Promise<void> {
    if (this.readyCount > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake discord: no client identified in time')), timeoutMs);
      this.readyWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  /** The gateway sessions now identified (each with its IDENTIFY, whose `shard` says which guilds it gets). */
  get sessions(): GatewaySession[] { return [...this.gateway.sessions.values()]; }

  /** Dispatches any event to every identified session of its guild's shard (raw escape hatch). */
  dispatch(t: string, d: unknown, filter?: (s: GatewaySession) => boolean): void { this.gateway.dispatch(t, d, filter); }

  /** Closes every gateway socket. Code 4000 (default): discord.js resumes; 1000: sessions dropped, it re-identifies. */
  disconnectAll(code = 4000): void { this.gateway.disconnectAll(code); }

  /** Sends op 7 RECONNECT to every client. */
  requestReconnect(): void { this.gateway.requestReconnect(); }

  /** Frames clients sent (heartbeats, identify, resume…). */
  get gatewayFrames() { return this.gateway.received; }

  // ---- Driver: interactions ------------------------------------------------------------------------------

  private interactionBase(input: SlashCommandInput, type: number): { payload: Record<string, unknown>; record: InteractionRecord } {
    const user = this.state.users.get(input.userId ?? this.user.id) ?? this.addUser({ ...(input.userId ? { id: input.userId } : {}) });
    const id = snowflake();
    const token = randomToken('aW50ZXJhY3Rpb246', 48);
    const dm = input.dm === true;
    const guildId = dm ? undefined : input.guildId ?? this.guildId;
    const channelId = dm ? this.dmChannel(user.id) : input.channelId ?? (guildId === this.guildId ? this.channelId : this.state.guildChannels(guildId!)[0]?.id ?? this.channelId);
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    const appPermissions = guildId ? this.state.memberPermissions(guildId, this.botUser.id) : ALL_PERMISSIONS;
    const memberPermissions = perms(input.memberPermissions) ?? ALL_PERMISSIONS;
    if (guildId) {
      const g = this.state.guilds.get(guildId);
      if (g && !g.members.has(user.id)) g.members.set(user.id, { user, roles: [], joinedAt: new Date().toISOString() });
    }
    const payload: Record<string, unknown> = {
      id, application_id: this.applicationId, type, token, version: 1,
      channel_id: channelId,
      channel: { ...apiChannel(this.state, channel), ...(guildId ? { permissions: appPermissions } : {}) },
      ...(guildId
        ? { guild_id: guildId, guild: { id: guildId, locale: 'en-US', features: [] }, guild_locale: 'en-US', member: apiMember(this.state, guildId, user.id, { permissions: memberPermissions }) }
        : { user }),
      app_permissions: appPermissions,
      locale: input.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: guildId ?? '0' },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
    const record: InteractionRecord = {
      id, token, type, channelId, ...(guildId ? { guildId } : {}), user, ephemeral: false, createdAt: Date.now(),
    };
    return { payload, record };
  }

  private commandData(input: SlashCommandInput, guildId: string | undefined) {
    const registered = [...(guildId ? this.state.guildCommands.get(guildId) ?? [] : []), ...this.state.globalCommands]
      .find((c) => c.name === input.name && Number(c['type'] ?? 1) === 1);
    return {
      id: input.commandId ?? registered?.id ?? snowflake(), name: input.name, type: 1,
      ...(input.options?.length ? { options: input.options.map(toApiOption) } : {}),
      ...(registered?.['guild_id'] ? { guild_id: registered['guild_id'] } : {}),
    };
  }

  /** Dispatches INTERACTION_CREATE type 2 (a chat-input command). */
  slashCommand(input: SlashCommandInput): DispatchedInteraction {
    const { payload, record } = this.interactionBase(input, 2);
    payload['data'] = this.commandData(input, record.guildId);
    this.state.interactions.set(record.token, record);
    const sessions = this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: record.id, token: record.token, shards: sessions.map((s) => sessionShard(s)[0]) };
  }

  /** Dispatches INTERACTION_CREATE type 4; mark one option `focused: true` (default: the last one). */
  autocomplete(input: SlashCommandInput): AutocompleteHandle {
    const { payload, record } = this.interactionBase(input, 4);
    const options = (input.options ?? []).map((o) => ({ ...o }));
    if (options.length && !hasFocused(options)) options[options.length - 1]!.focused = true;
    payload['data'] = this.commandData({ ...input, options }, record.guildId);
    let resolveChoices!: (c: unknown[]) => void;
    const got = new Promise<unknown[]>((resolve) => { resolveChoices = resolve; });
    record.onAutocomplete = resolveChoices;
    this.state.interactions.set(record.token, record);
    const sessions = this.gateway.dispatch('INTERACTION_CREATE', payload);
    return {
      id: record.id, token: record.token, shards: sessions.map((s) => sessionShard(s)[0]),
      choices: (timeoutMs = 3000) => withTimeout(got, timeoutMs, 'autocomplete choices') as Promise<Array<{ name: string; value: string | number }>>,
    };
  }

  /** The fake's record of a dispatched interaction (callback type, original message id…). */
  interaction(token: string): InteractionRecord | undefined { return this.state.interactions.get(token); }

  // ---- Driver: user messages -----------------------------------------------------------------------------

  /** A user posts a message: stored in the channel and dispatched as MESSAGE_CREATE (intent rules applied). */
  userMessage(input: UserMessageInput): StoredMessage {
    const channelId = input.channelId ?? this.channelId;
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    const author = (input.authorId && this.state.users.get(input.authorId))
      || (input.authorId || input.authorBot ? this.addUser({ ...(input.authorId ? { id: input.authorId } : {}), bot: input.authorBot ?? false }) : this.user);
    const guildId = input.guildId ?? channel.guildId;
    const mentionsBot = input.mentionsBot === true || input.content.includes(`<@${this.botUser.id}>`) || input.content.includes(`<@!${this.botUser.id}>`);
    const mentions: ApiUser[] = [];
    for (const match of input.content.matchAll(/<@!?(\d{15,21})>/g)) {
      const u = this.state.users.get(match[1]!);
      if (u && !mentions.some((m) => m.id === u.id)) mentions.push(u);
    }
    if (mentionsBot && !mentions.some((m) => m.id === this.botUser.id)) mentions.push(this.botUser);
    const id = snowflake();
    const reference = input.replyTo ? this.state.findMessage(channelId, input.replyTo) : undefined;
    const m = newMessage({
      id, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}), author, content: input.content,
      embeds: input.embeds ?? [], mentions, type: input.type ?? (reference ? 19 : 0),
      attachments: (input.attachments ?? []).map((a) => {
        const aid = snowflake();
        const url = `${this.origin}/attachments/${channelId}/${aid}/${encodeURIComponent(a.filename)}`;
        return { id: aid, filename: a.filename, size: a.size ?? 0, url, proxy_url: url, ...(a.content_type ? { content_type: a.content_type } : {}) };
      }),
      ...(reference ? { message_reference: { type: 0, message_id: reference.id, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) } } : {}),
    });
    m.history.push({ at: Date.now(), kind: 'create', content: m.content, embeds: m.embeds });
    this.state.channelMessages(channelId).push(m);
    this.dispatchUserMessage('MESSAGE_CREATE', m, mentionsBot, reference);
    return m;
  }

  /** A user edits their message: MESSAGE_UPDATE with the full message (intent rules applied). */
  userMessageUpdate(input: UserMessageUpdateInput): StoredMessage {
    const m = this.state.findMessage(input.channelId, input.messageId);
    if (!m) throw new Error(`fake discord: unknown message ${input.messageId}`);
    m.content = input.content;
    if (input.embeds) m.embeds = input.embeds;
    m.edited_timestamp = new Date().toISOString();
    m.history.push({ at: Date.now(), kind: 'edit', content: input.content, ...(input.embeds ? { embeds: input.embeds } : {}) });
    const mentionsBot = m.mentions.some((u) => u.id === this.botUser.id) || input.content.includes(`<@${this.botUser.id}>`);
    this.dispatchUserMessage('MESSAGE_UPDATE', m, mentionsBot);
    return m;
  }

  private dispatchUserMessage(t: string, m: StoredMessage, mentionsBot: boolean, reference?: StoredMessage) {
    const channel = this.state.channels.get(m.channel_id);
    const dm = channel?.type === 1;
    const base = apiMessage(m, { withGuild: true, ...(channel ? { channelType: channel.type } : {}) });
    const { user: _u, ...member } = m.guild_id ? apiMember(this.state, m.guild_id, m.author.id) : { user: undefined };
    const full: Record<string, unknown> = {
      ...base, ...(m.guild_id ? { member } : {}), ...(reference ? { referenced_message: apiMessage(reference) } : {}),
    };
    // Without MessageContent, Discord blanks content/embeds/attachments/components except for DMs,
    // messages that mention the bot, and the bot's own messages.
    const blank = { ...full, content: '', embeds: [], attachments: [], components: [] };
    const exempt = dm || mentionsBot || m.author.id === this.botUser.id;
    const bit = dm ? Intents.DirectMessages : Intents.GuildMessages;
    this.gateway.dispatch(t, (s: GatewaySession) => (exempt || s.intents & Intents.MessageContent ? full : blank), (s) => (s.intents & bit) !== 0);
  }

  // ---- Recording and assertions --------------------------------------------------------------------------

  /** Every REST call, in arrival order of completion. */
  get calls(): RecordedCall[] { return this.rest.calls; }

  /** Requests the global rate limit answered with 429 (scripted failNext 429s not included). */
  get rateLimited(): number { return this.rest.rateLimited; }

  /** Arrival times (Date.now() ms) of the bot-token requests the global limit let through, oldest first. */
  get acceptedAt(): readonly number[] { return this.rest.acceptedAt; }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.rest.calls.filter((c) => c.method === method.toUpperCase() && path.test(c.path));
  }

  /** The first recorded call (past or future) matching; rejects after timeoutMs listing what was called. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 3000): Promise<RecordedCall> {
    const found = this.rest.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        const seen = this.rest.calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('\n  ');
        reject(new Error(`fake discord: no matching call within ${timeoutMs} ms; calls so far:\n  ${seen || '(none)'}`));
      }, timeoutMs);
      const off = this.rest.onCall((c) => {
        if (!predicate(c)) return;
        clearTimeout(timer); off(); resolve(c);
      });
    });
  }

  /** Makes the next `times` requests matching answer with `reply` (429 with retry headers, 403 Missing Permissions…). */
  failNext(match: FailureMatch, reply: FailureReply, times = 1): void { this.rest.failNext(match, reply, times); }

  /** Stored messages of a channel, oldest first, each with its `history` of sends and edits. */
  messages(channelId: string = this.channelId, opts: { includeDeleted?: boolean } = {}): StoredMessage[] {
    return this.state.channelMessages(channelId).filter((m) => opts.includeDeleted || !m.deleted);
  }

  /** The first stored message (now, or after a later send/edit/delete by the bot) matching; rejects after timeoutMs. */
  waitForMessage(predicate: (m: StoredMessage) => boolean, timeoutMs = 3000): Promise<StoredMessage> {
    for (const list of this.state.messages.values()) {
      const found = list.find(predicate);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const listener = (m: StoredMessage) => {
        if (!predicate(m)) return;
        clearTimeout(timer); this.messageListeners.delete(listener); resolve(m);
      };
      const timer = setTimeout(() => {
        this.messageListeners.delete(listener);
        reject(new Error(`fake discord: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.messageListeners.add(listener);
    });
  }

  /** A stored message by id, in any channel. */
  message(messageId: string): StoredMessage | undefined { return this.state.findMessageAnywhere(messageId); }

  /** Registered commands: global, or of a guild. */
  commands(guildId?: string): Array<Record<string, unknown>> {
    return guildId ? this.state.guildCommands.get(guildId) ?? [] : this.state.globalCommands;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function inferType(o: CommandOptionInput): number {
  if (o.type !== undefined) return o.type;
  if (o.options) return 1;
  if (typeof o.value === 'boolean') return 5;
  if (typeof o.value === 'number') return Number.isInteger(o.value) ? 4 : 10;
  return 3;
}

function toApiOption(o: CommandOptionInput): Record<string, unknown> {
  const type = inferType(o);
  return {
    name: o.name, type,
    ...(o.options ? { options: o.options.map(toApiOption) } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.focused ? { focused: true } : {}),
  };
}

function hasFocused(options: CommandOptionInput[]): boolean {
  return options.some((o) => o.focused || (o.options ? hasFocused(o.options) : false));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake discord: no ${what} within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Starts a fake Discord (REST + gateway) on 127.0.0.1, a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
