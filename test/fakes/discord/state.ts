// The fake Discord's world: users, guilds, channels (threads and DMs are channels), messages with their
// edit history, registered commands and live interactions. Plain data plus the functions that turn it into
// the API shapes discord.js 14.28 parses (channel, guild, member, message objects).
import { snowflake, snowflakeTime } from './ids.js';

export interface ApiUser {
  id: string; username: string; discriminator: string; global_name: string | null; avatar: string | null; bot?: boolean;
}

export interface ChannelRecord {
  id: string;
  /** 0 guild text, 1 DM, 5 announcement, 11 public thread, 12 private thread, 15 forum. */
  type: number;
  name?: string;
  guildId?: string;
  parentId?: string | null;
  position?: number;
  topic?: string | null;
  /** DM channels: the other user. */
  recipient?: ApiUser;
  /** Threads. */
  ownerId?: string;
  autoArchiveDuration?: number;
  archived?: boolean;
  createdAt: number;
}

export interface GuildRecord {
  id: string; name: string; ownerId: string;
  /** Permission bits of @everyone (decimal string). */
  everyonePermissions: string;
  /** The bot's managed role and its permission bits. */
  botRoleId: string; botPermissions: string;
  members: Map<string, { user: ApiUser; roles: string[]; joinedAt: string; permissions?: string }>;
}

/** One send or edit of a message as the client sent it (what tests assert on). */
export interface MessageRevision {
  at: number;
  /** 'create' for the first version, 'edit' for each PATCH. */
  kind: 'create' | 'edit';
  content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number;
  /** Exactly what the request carried (undefined when the request had no allowed_mentions). */
  allowed_mentions?: unknown;
  attachments?: unknown[];
}

export interface StoredMessage {
  id: string; channel_id: string; guild_id?: string;
  author: ApiUser;
  content: string; embeds: unknown[]; components: unknown[]; attachments: ApiAttachment[];
  flags: number; type: number; tts: boolean;
  mentions: ApiUser[]; mention_roles: string[]; mention_everyone: boolean;
  timestamp: string; edited_timestamp: string | null;
  /** The allowed_mentions of the latest send/edit that carried one. */
  allowed_mentions?: unknown;
  nonce?: string | number;
  message_reference?: unknown;
  /** Interaction responses and follow-ups. */
  webhook_id?: string; application_id?: string; interaction_token?: string;
  interaction_metadata?: unknown;
  /** A thread started from this message (its id equals the message id). */
  thread_id?: string;
  deleted: boolean;
  /** Every version: the creation first, then each edit. */
  history: MessageRevision[];
}

export interface ApiAttachment {
  id: string; filename: string; size: number; url: string; proxy_url: string; content_type?: string;
  /** The alt text sent with the upload. */
  description?: string;
  /** The uploaded bytes, kept by the fake for assertions (not enumerable: never in a JSON answer). */
  data?: Buffer;
}

export interface CommandRecord { [k: string]: unknown; id: string; name: string }

export interface InteractionRecord {
  id: string; token: string; type: number; channelId: string; guildId?: string; user: ApiUser;
  /** Set by the first callback (type 4/5/6/7/8/9). */
  callbackType?: number;
  ephemeral: boolean;
  originalMessageId?: string;
  /** Component interactions: the message the component is on. */
  messageId?: string;
  createdAt: number;
  /** Autocomplete: resolves with the choices of the type 8 callback. */
  onAutocomplete?: (choices: unknown[]) => void;
}

export const MessageFlags = { Ephemeral: 64, Loading: 128, IsComponentsV2: 1 << 15 } as const;

export const Intents = {
  Guilds: 1 << 0, GuildMembers: 1 << 1, GuildMessages: 1 << 9, GuildMessageReactions: 1 << 10,
  DirectMessages: 1 << 12, MessageContent: 1 << 15,
} as const;

const P = (...bits: number[]) => bits.reduce((a, b) => a | (1n << BigInt(b)), 0n);
/** @everyone: view, send, embed, attach, read history, add reactions, use commands, threads. */
export const DEFAULT_EVERYONE_PERMISSIONS = P(6, 10, 11, 14, 15, 16, 31, 35, 36, 38).toString();
/** The bot's role: the above plus manage messages and manage threads. */
export const DEFAULT_BOT_PERMISSIONS = (BigInt(DEFAULT_EVERYONE_PERMISSIONS) | P(13, 34)).toString();

export function makeUser(id: string, username: string, bot = false): ApiUser {
  return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, ...(bot ? { bot: true } : {}) };
}

export class DiscordState {
  readonly users = new Map<string, ApiUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly globalCommands: CommandRecord[] = [];
  readonly guildCommands = new Map<string, CommandRecord[]>();
  readonly interactions = new Map<string, InteractionRecord>(); // by token
  /** nonce → message, for enforce_nonce (per channel + author). */
  readonly nonces = new Map<string, { messageId: string; channelId: string; at: number }>();

  constructor(readonly botUser: ApiUser, readonly applicationId: string) {
    this.users.set(botUser.id, botUser);
  }

  addGuild(opts: { id?: string; name?: string; ownerId: string; everyonePermissions?: string; botPermissions?: string }): GuildRecord {
    const id = opts.id ?? snowflake();
    const joinedAt = new Date().toISOString();
    const guild: GuildRecord = {
      id, name: opts.name ?? 'Fake Guild', ownerId: opts.ownerId,
      everyonePermissions: opts.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      botRoleId: snowflake(), botPermissions: opts.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      members: new Map(),
    };
    guild.members.set(this.botUser.id, { user: this.botUser, roles: [guild.botRoleId], joinedAt });
    const owner = this.users.get(opts.ownerId);
    if (owner) guild.members.set(owner.id, { user: owner, roles: [], joinedAt });
    this.guilds.set(id, guild);
    return guild;
  }

  addChannel(rec: Omit<ChannelRecord, 'id' | 'createdAt'> & { id?: string }): ChannelRecord {
    const channel: ChannelRecord = { ...rec, id: rec.id ?? snowflake(), createdAt: Date.now() };
    this.channels.set(channel.id, channel);
    if (!this.messages.has(channel.id)) this.messages.set(channel.id, []);
    return channel;
  }

  /** The channel's stored messages (deleted ones included, flagged), oldest first. */
  channelMessages(channelId: string): StoredMessage[] {
    let list = this.messages.get(channelId);
    if (!list) this.messages.set(channelId, (list = []));
    return list;
  }

  findMessage(channelId: string, messageId: string): StoredMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.id === messageId && !m.deleted);
  }

  findMessageAnywhere(messageId: string): StoredMessage | undefined {
    for (const list of this.messages.values()) {
      const m = list.find((x) => x.id === messageId && !x.deleted);
      if (m) return m;
    }
    return undefined;
  }

  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId && !isThread(c));
  }

  guildThreads(guildId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId && isThread(c) && !c.archived);
  }

  /** A member's permissions in a guild (decimal string): @everyone | roles, everything for the owner. */
  memberPermissions(guildId: string, userId: string): string {
    const guild = this.guilds.get(guildId);
    if (!guild) return '0';
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    if (member?.permissions) return member.permissions;
    let bits = BigInt(guild.everyonePermissions);
    if (member?.roles.includes(guild.botRoleId)) bits |= BigInt(guild.botPermissions);
    return bits.toString();
  }
}

export const ALL_PERMISSIONS = ((1n << 51n) - 1n).toString();

export const isThread = (c: ChannelRecord) => c.type === 10 || c.type === 11 || c.type === 12;

// ---- API shapes ----------------------------------------------------------------------------------------

export function apiChannel(state: DiscordState, c: ChannelRecord): Record<string, unknown> {
  if (c.type === 1) {
    return { id: c.id, type: 1, last_message_id: lastMessageId(state, c.id), flags: 0, recipients: c.recipient ? [c.recipient] : [] };
  }
  const base: Record<string, unknown> = {
    id: c.id, type: c.type, guild_id: c.guildId, name: c.name ?? 'channel', flags: 0,
    last_message_id: lastMessageId(state, c.id), rate_limit_per_user: 0, nsfw: false,
  };
  if (isThread(c)) {
    const created = new Date(c.createdAt).toISOString();
    return {
      ...base, parent_id: c.parentId ?? null, owner_id: c.ownerId,
      message_count: countMessages(state, c.id), member_count: 1, total_message_sent: countMessages(state, c.id),
      thread_metadata: {
        archived: c.archived ?? false, auto_archive_duration: c.autoArchiveDuration ?? 1440,
        archive_timestamp: created, locked: false, create_timestamp: created,
      },
    };
  }
  return { ...base, position: c.position ?? 0, parent_id: c.parentId ?? null, topic: c.topic ?? null, permission_overwrites: [] };
}

function lastMessageId(state: DiscordState, channelId: string): string | null {
  const list = state.messages.get(channelId) ?? [];
  return list.at(-1)?.id ?? null;
}

function countMessages(state: DiscordState, channelId: string): number {
  return (state.messages.get(channelId) ?? []).filter((m) => !m.deleted).length;
}

export function apiMember(state: DiscordState, guildId: string, userId: string, extra?: { permissions?: string }): Record<string, unknown> {
  const guild = state.guilds.get(guildId);
  const m = guild?.members.get(userId);
  const user = m?.user ?? state.users.get(userId) ?? makeUser(userId, `user${userId.slice(-4)}`);
  return {
    user, roles: m?.roles ?? [], joined_at: m?.joinedAt ?? new Date().toISOString(), nick: null, avatar: null,
    premium_since: null, deaf: false, mute: false, pending: false, flags: 0, communication_disabled_until: null,
    ...(extra?.permissions !== undefined ? { permissions: extra.permissions } : {}),
  };
}

export function apiGuild(state: DiscordState, g: GuildRecord): Record<string, unknown> {
  const role = (id: string, name: string, permissions: string, position: number, managed: boolean) => ({
    id, name, permissions, position, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, managed, mentionable: false, icon: null, unicode_emoji: null, flags: 0,
    ...(managed ? { tags: { bot_id: state.botUser.id } } : {}),
  });
  return {
    id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, banner: null, description: null,
    owner_id: g.ownerId, afk_channel_id: null, afk_timeout: 300, verification_level: 0,
    default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0,
    premium_subscription_count: 0, preferred_locale: 'en-US', system_channel_id: null, system_channel_flags: 0,
    rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null, vanity_url_code: null,
    features: [], application_id: null, max_members: 500000, max_video_channel_users: 25, premium_progress_bar_enabled: false,
    roles: [role(g.id, '@everyone', g.everyonePermissions, 0, false), role(g.botRoleId, state.botUser.username, g.botPermissions, 1, true)],
    emojis: [], stickers: [],
    joined_at: g.members.get(state.botUser.id)?.joinedAt, large: false, unavailable: false,
    member_count: g.members.size,
    members: [...g.members.keys()].map((id) => apiMember(state, g.id, id)),
    channels: state.guildChannels(g.id).map((c) => apiChannel(state, c)),
    threads: state.guildThreads(g.id).map((c) => apiChannel(state, c)),
    voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}

/** The API shape of a stored message (guild_id/channel_type only when asked: gateway events carry them, REST does not). */
export function apiMessage(m: StoredMessage, opts: { withGuild?: boolean; channelType?: number } = {}): Record<string, unknown> {
  return {
    id: m.id, channel_id: m.channel_id, ...(opts.withGuild && m.guild_id ? { guild_id: m.guild_id } : {}),
    // Gateway message events carry channel_type; discord.js needs it to build an uncached DM channel.
    ...(opts.channelType !== undefined ? { channel_type: opts.channelType } : {}),
    author: m.author, content: m.content, timestamp: m.timestamp, edited_timestamp: m.edited_timestamp,
    tts: m.tts, mention_everyone: m.mention_everyone, mentions: m.mentions, mention_roles: m.mention_roles,
    attachments: m.attachments, embeds: m.embeds, components: m.components, pinned: false, type: m.type, flags: m.flags,
    reactions: [],
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...(m.webhook_id ? { webhook_id: m.webhook_id } : {}),
    ...(m.application_id ? { application_id: m.application_id } : {}),
    ...(m.interaction_metadata ? { interaction_metadata: m.interaction_metadata } : {}),
    ...(m.message_reference ? { message_reference: m.message_reference } : {}),
    ...(m.thread_id ? { position: 0 } : {}),
  };
}

export function newMessage(init: Partial<StoredMessage> & { channel_id: string; author: ApiUser }): StoredMessage {
  const id = init.id ?? snowflake();
  return {
    content: '', embeds: [], components: [], attachments: [], flags: 0, type: 0, tts: false,
    mentions: [], mention_roles: [], mention_everyone: false,
    timestamp: new Date(snowflakeTime(id)).toISOString(), edited_timestamp: null, deleted: false, history: [],
    ...init, id,
  };
}
