// The fake's REST endpoints (paths without the /api/vN prefix). Each handler gets the parsed request and
// returns a status and a JSON body (undefined → 204). Discord's error bodies: {code, message[, errors]}.
import { snowflake } from './ids.js';
import {
  apiChannel, apiGuild, apiMember, apiMessage, isThread, makeUser, newMessage, MessageFlags, Intents,
} from './state.js';
import type { ApiAttachment, ApiUser, CommandRecord, DiscordState, InteractionRecord, StoredMessage } from './state.js';
import type { GatewaySession } from './gateway.js';

export interface UploadedFile { field: string; name: string; contentType: string; size: number; data?: Buffer }
export interface ParsedRequest {
  method: string; path: string; query: Record<string, string>; body: any; files: UploadedFile[]; auth: string | undefined;
}
export interface RouteResult { status: number; body?: unknown; headers?: Record<string, string> }

/** What the routes need from the fake. */
export interface RouteContext {
  state: DiscordState;
  token: string;
  origin: string; // http://127.0.0.1:PORT
  gatewayUrl: string;
  /** GET /gateway/bot's `shards`. */
  recommendedShards: number;
  maxConcurrency: number;
  dispatch(t: string, d: unknown | ((s: GatewaySession) => unknown), filter?: (s: GatewaySession) => boolean): void;
  /** Called for every stored message change, so waiters can wake up. */
  onMessageChange(m: StoredMessage): void;
}

export const err = (status: number, code: number, message: string, errors?: unknown): RouteResult =>
  ({ status, body: { code, message, ...(errors ? { errors } : {}) } });
const invalidForm = (field: string, code: string, message: string) =>
  err(400, 50035, 'Invalid Form Body', { [field]: { _errors: [{ code, message }] } });
export const NOT_FOUND: RouteResult = { status: 404, body: { code: 0, message: '404: Not Found' } };
const UNKNOWN_CHANNEL = () => err(404, 10003, 'Unknown Channel');
const UNKNOWN_MESSAGE = () => err(404, 10008, 'Unknown Message');
const UNKNOWN_WEBHOOK = () => err(404, 10015, 'Unknown Webhook');
const UNKNOWN_INTERACTION = () => err(404, 10062, 'Unknown interaction');
const ok = (body?: unknown, status = 200): RouteResult => ({ status: body === undefined ? 204 : status, body });

type Handler = (ctx: RouteContext, req: ParsedRequest, params: string[]) => RouteResult | Promise<RouteResult>;
const routes: Array<[method: string, pattern: RegExp, handler: Handler, needsAuth: boolean]> = [];
const route = (method: string, pattern: RegExp, handler: Handler, needsAuth = true) => routes.push([method, pattern, handler, needsAuth]);

export function findRoute(method: string, path: string): { handler: Handler; params: string[]; needsAuth: boolean } | undefined {
  for (const [m, re, handler, needsAuth] of routes) {
    if (m !== method) continue;
    const match = re.exec(path);
    if (match) return { handler, params: match.slice(1).map((p) => p ?? ''), needsAuth };
  }
  return undefined;
}

// ---- Message helpers -------------------------------------------------------------------------------------

const ID = '(\\d{15,21})';
const r = (src: string) => new RegExp(`^${src.replaceAll('{id}', ID)}$`);

function intentFilter(ctx: RouteContext, channelId: string) {
  const channel = ctx.state.channels.get(channelId);
  const bit = channel?.type === 1 ? Intents.DirectMessages : Intents.GuildMessages;
  return (s: GatewaySession) => (s.intents & bit) !== 0;
}

function messageEvent(ctx: RouteContext, t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', m: StoredMessage) {
  if (m.flags & MessageFlags.Ephemeral) return; // ephemeral messages never reach the gateway
  const member = m.guild_id ? apiMember(ctx.state, m.guild_id, m.author.id) : undefined;
  const { user: _u, ...memberNoUser } = member ?? {};
  const channelType = ctx.state.channels.get(m.channel_id)?.type;
  ctx.dispatch(t, { ...apiMessage(m, { withGuild: true, ...(channelType !== undefined ? { channelType } : {}) }), ...(member ? { member: memberNoUser } : {}) }, intentFilter(ctx, m.channel_id));
}

function deleteEvent(ctx: RouteContext, m: StoredMessage) {
  if (m.flags & MessageFlags.Ephemeral) return;
  ctx.dispatch('MESSAGE_DELETE', { id: m.id, channel_id: m.channel_id, ...(m.guild_id ? { guild_id: m.guild_id } : {}) }, intentFilter(ctx, m.channel_id));
}

/** Validates a create/edit payload the way Discord does for the fields our code uses. */
function validatePayload(body: any, files: UploadedFile[], creating: boolean, existing?: StoredMessage): RouteResult | null {
  if (body == null || typeof body !== 'object') return invalidForm('_', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  if (body.content != null && typeof body.content === 'string' && body.content.length > 2000) {
    return invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  if (Array.isArray(body.embeds)) {
    if (body.embeds.length > 10) return invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    let total = 0;
    for (const e of body.embeds) {
      if (e?.description && String(e.description).length > 4096) return invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Embed description must be 4096 or fewer in length.');
      if (e?.title && String(e.title).length > 256) return invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Embed title must be 256 or fewer in length.');
      total += String(e?.title ?? '').length + String(e?.description ?? '').length + String(e?.footer?.text ?? '').length
        + String(e?.author?.name ?? '').length + (e?.fields ?? []).reduce((a: number, f: any) => a + String(f?.name ?? '').length + String(f?.value ?? '').length, 0);
    }
    if (total > 6000) return invalidForm('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  const flags = Number(body.flags ?? existing?.flags ?? 0);
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (existing && existing.flags & MessageFlags.IsComponentsV2 && body.flags != null && !v2) {
    return invalidForm('flags', 'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG', 'The IS_COMPONENTS_V2 flag cannot be removed');
  }
  if (v2 && ((typeof body.content === 'string' && body.content !== '') || (Array.isArray(body.embeds) && body.embeds.length))) {
    return invalidForm('content', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' and \'embeds\' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  }
  if (creating) {
    const empty = !body.content && !(body.embeds?.length) && !(body.components?.length) && !files.length
      && !(body.sticker_ids?.length) && !body.poll;
    if (empty) return err(400, 50006, 'Cannot send an empty message');
  }
  return null;
}

function parseMentions(state: DiscordState, content: string, allowed: any): { mentions: ApiUser[]; everyone: boolean } {
  const parse: string[] = allowed === undefined || allowed === null ? ['users', 'roles', 'everyone'] : Array.isArray(allowed.parse) ? allowed.parse : [];
  const users: string[] = Array.isArray(allowed?.users) ? allowed.users : [];
  const mentions: ApiUser[] = [];
  for (const match of content.matchAll(/<@!?(\d{15,21})>/g)) {
    const id = match[1]!;
    if (!parse.includes('users') && !users.includes(id)) continue;
    const u = state.users.get(id);
    if (u && !mentions.some((x) => x.id === id)) mentions.push(u);
  }
  return { mentions, everyone: parse.includes('everyone') && /@(everyone|here)/.test(content) };
}

function attachmentsFrom(ctx: RouteContext, channelId: string, body: any, files: UploadedFile[], keep: ApiAttachment[] = []): ApiAttachment[] {
  const out: ApiAttachment[] = Array.isArray(body?.attachments)
    ? keep.filter((a) => body.attachments.some((x: any) => String(x?.id) === a.id)) : [...keep];
  files.forEach((f, index) => {
    const id = snowflake();
    const url = `${ctx.origin}/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
    // discord.js sends `files[n]` with an `attachments` entry of id n carrying its description (alt text).
    const fieldIndex = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(index);
    const meta = Array.isArray(body?.attachments) ? body.attachments.find((x: any) => String(x?.id) === fieldIndex) : undefined;
    const attachment: ApiAttachment = { id, filename: f.name, size: f.size, url, proxy_url: url, content_type: f.contentType, ...(meta?.description !== undefined ? { description: String(meta.description) } : {}) };
    // The bytes stay with the fake for assertions; not enumerable, so no JSON answer carries them.
    if (f.data) Object.defineProperty(attachment, 'data', { value: f.data, enumerable: false });
    out.push(attachment);
  });
  return out;
}

const FLAG_MASK_CREATE = 4 | 64 | 4096 | MessageFlags.IsComponentsV2; // suppress embeds, ephemeral, silent, V2

function createMessage(ctx: RouteContext, channelId: string, body: any, files: UploadedFile[], extra: Partial<StoredMessage> = {}): StoredMessage {
  const channel = ctx.state.channels.get(channelId);
  const content = typeof body.content === 'string' ? body.content : '';
  const { mentions, everyone } = parseMentions(ctx.state, content, body.allowed_mentions);
  const m = newMessage({
    channel_id: channelId, ...(channel?.guildId ? { guild_id: channel.guildId } : {}), author: ctx.state.botUser,
    content, embeds: body.embeds ?? [], components: body.components ?? [],
    flags: Number(body.flags ?? 0) & FLAG_MASK_CREATE, tts: Boolean(body.tts),
    mentions, mention_everyone: everyone,
    ...(body.allowed_mentions !== undefined ? { allowed_mentions: body.allowed_mentions } : {}),
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...extra,
  });
  m.attachments = attachmentsFrom(ctx, channelId, body, files);
  m.history.push({
    at: Date.now(), kind: 'create', content: m.content, embeds: m.embeds, components: m.components, flags: m.flags,
    allowed_mentions: body.allowed_mentions, attachments: m.attachments,
  });
  ctx.state.channelMessages(channelId).push(m);
  ctx.onMessageChange(m);
  messageEvent(ctx, 'MESSAGE_CREATE', m);
  return m;
}

function editMessage(ctx: RouteContext, m: StoredMessage, body: any, files: UploadedFile[]): StoredMessage {
  if (body.content !== undefined) m.content = body.content ?? '';
  if (body.embeds !== undefined) m.embeds = body.embeds ?? [];
  if (body.components !== undefined) m.components = body.components ?? [];
  if (body.flags != null) m.flags = (m.flags & (MessageFlags.Ephemeral | MessageFlags.IsComponentsV2)) | (Number(body.flags) & ~MessageFlags.Ephemeral & FLAG_MASK_CREATE);
  m.flags &= ~MessageFlags.Loading;
  if (body.attachments !== undefined || files.length) m.attachments = attachmentsFrom(ctx, m.channel_id, body, files, m.attachments);
  if (body.allowed_mentions !== undefined) m.allowed_mentions = body.allowed_mentions;
  const { mentions, everyone } = parseMentions(ctx.state, m.content, body.allowed_mentions);
  m.mentions = mentions; m.mention_everyone = everyone;
  m.edited_timestamp = new Date().toISOString();
  m.history.push({
    at: Date.now(), kind: 'edit', content: body.content, embeds: body.embeds, components: body.components, flags: body.flags,
    allowed_mentions: body.allowed_mentions, ...(body.attachments !== undefined || files.length ? { attachments: m.attachments } : {}),
  });
  ctx.onMessageChange(m);
  messageEvent(ctx, 'MESSAGE_UPDATE', m);
  return m;
}

function deleteMessage(ctx: RouteContext, m: StoredMessage) {
  m.deleted = true;
  ctx.onMessageChange(m);
  deleteEvent(ctx, m);
}

// ---- Gateway, users, application -------------------------------------------------------------------------

route('GET', r('/gateway/bot'), (ctx) => ok({
  url: ctx.gatewayUrl, shards: ctx.recommendedShards,
  session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: ctx.maxConcurrency },
}));
route('GET', r('/gateway'), (ctx) => ok({ url: ctx.gatewayUrl }), false);
route('GET', r('/users/@me'), (ctx) => ok({ ...ctx.state.botUser, flags: 0, mfa_enabled: false, verified: true }));
route('GET', r('/users/{id}'), (ctx, _q, [id]) => {
  const u = ctx.state.users.get(id!);
  return u ? ok(u) : err(404, 10013, 'Unknown User');
});
route('GET', r('/applications/@me'), (ctx) => ok(applicationObject(ctx)));
route('POST', r('/users/@me/channels'), (ctx, req) => {
  const recipientId = String(req.body?.recipient_id ?? '');
  const user = ctx.state.users.get(recipientId);
  if (!user) return invalidForm('recipient_id', 'NUMBER_TYPE_COERCE', `Value "${recipientId}" is not snowflake.`);
  const existing = [...ctx.state.channels.values()].find((c) => c.type === 1 && c.recipient?.id === recipientId);
  const channel = existing ?? ctx.state.addChannel({ type: 1, recipient: user });
  return ok(apiChannel(ctx.state, channel));
});

export function applicationObject(ctx: RouteContext) {
  return {
    id: ctx.state.applicationId, name: ctx.state.botUser.username, icon: null, description: '', bot_public: true,
    bot_require_code_grant: false, flags: 0, bot: ctx.state.botUser, owner: makeUser('100000000000000001', 'owner'),
    verify_key: '0'.repeat(64), team: null, approximate_guild_count: ctx.state.guilds.size,
  };
}

// ---- Commands ---------------------------------------------------------------------------------------------

const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function normaliseCommands(ctx: RouteContext, list: any[], previous: CommandRecord[], guildId?: string): CommandRecord[] | RouteResult {
  if (!Array.isArray(list)) return invalidForm('_', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (list.length > 100) return invalidForm('_', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const out: CommandRecord[] = [];
  for (const [i, c] of list.entries()) {
    const type = Number(c?.type ?? 1);
    if (typeof c?.name !== 'string' || (type === 1 && !COMMAND_NAME.test(c.name))) {
      return err(400, 50035, 'Invalid Form Body', { [i]: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] } } });
    }
    if (type === 1 && (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)) {
      return err(400, 50035, 'Invalid Form Body', { [i]: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } });
    }
    const prev = previous.find((p) => p.name === c.name && Number(p.type ?? 1) === type);
    out.push({
      default_member_permissions: null, dm_permission: true, nsfw: false, contexts: null, integration_types: [0],
      description_localizations: null, name_localizations: null, options: [],
      ...c, type, id: prev?.id ?? snowflake(), application_id: ctx.state.applicationId,
      version: snowflake(), ...(guildId ? { guild_id: guildId } : {}),
    });
  }
  return out;
}

function guildCommandList(ctx: RouteContext, guildId: string): CommandRecord[] {
  let list = ctx.state.guildCommands.get(guildId);
  if (!list) ctx.state.guildCommands.set(guildId, (list = []));
  return list;
}

const checkApp = (ctx: RouteContext, app: string | undefined) => app === ctx.state.applicationId;
route('PUT', r('/applications/{id}/commands'), (ctx, req, [app]) => {
  if (!checkApp(ctx, app)) return err(403, 50001, 'Missing Access');
  const res = normaliseCommands(ctx, req.body, ctx.state.globalCommands);
  if (!Array.isArray(res)) return res;
  ctx.state.globalCommands.splice(0, Infinity, ...res);
  return ok(res);
});
route('GET', r('/applications/{id}/commands'), (ctx, _req, [app]) => (checkApp(ctx, app) ? ok(ctx.state.globalCommands) : err(403, 50001, 'Missing Access')));
route('POST', r('/applications/{id}/commands'), (ctx, req, [app]) => {
  if (!checkApp(ctx, app)) return err(403, 50001, 'Missing Access');
  const res = normaliseCommands(ctx, [req.body], ctx.state.globalCommands);
  if (!Array.isArray(res)) return res;
  const cmd = res[0]!;
  const i = ctx.state.globalCommands.findIndex((c) => c.id === cmd.id);
  if (i >= 0) ctx.state.globalCommands[i] = cmd; else ctx.state.globalCommands.push(cmd);
  return ok(cmd, i >= 0 ? 200 : 201);
});
route('DELETE', r('/applications/{id}/commands/{id}'), (ctx, _req, [, id]) => {
  const i = ctx.state.globalCommands.findIndex((c) => c.id === id);
  if (i < 0) return err(404, 10063, 'Unknown application command');
  ctx.state.globalCommands.splice(i, 1);
  return ok();
});
route('PUT', r('/applications/{id}/guilds/{id}/commands'), (ctx, req, [app, guildId]) => {
  if (!checkApp(ctx, app) || !ctx.state.guilds.has(guildId!)) return err(403, 50001, 'Missing Access');
  const list = guildCommandList(ctx, guildId!);
  const res = normaliseCommands(ctx, req.body, list, guildId);
  if (!Array.isArray(res)) return res;
  list.splice(0, Infinity, ...res);
  return ok(res);
});
route('GET', r('/applications/{id}/guilds/{id}/commands'), (ctx, _req, [app, guildId]) => {
  if (!checkApp(ctx, app) || !ctx.state.guilds.has(guildId!)) return err(403, 50001, 'Missing Access');
  return ok(guildCommandList(ctx, guildId!));
});

// ---- Guilds -----------------------------------------------------------------------------------------------

route('GET', r('/guilds/{id}'), (ctx, _req, [id]) => {
  const g = ctx.state.guilds.get(id!);
  if (!g) return err(404, 10004, 'Unknown Guild');
  const { channels: _c, threads: _t, members: _m, voice_states: _v, presences: _p, ...rest } = apiGuild(ctx.state, g);
  return ok(rest);
});
route('GET', r('/guilds/{id}/channels'), (ctx, _req, [id]) => {
  if (!ctx.state.guilds.has(id!)) return err(404, 10004, 'Unknown Guild');
  return ok(ctx.state.guildChannels(id!).map((c) => apiChannel(ctx.state, c)));
});
route('GET', r('/guilds/{id}/members/{id}'), (ctx, _req, [guildId, userId]) => {
  const g = ctx.state.guilds.get(guildId!);
  if (!g) return err(404, 10004, 'Unknown Guild');
  if (!g.members.has(userId!)) return err(404, 10007, 'Unknown Member');
  return ok(apiMember(ctx.state, guildId!, userId!));
});
route('GET', r('/guilds/{id}/threads/active'), (ctx, _req, [id]) => ok({ threads: ctx.state.guildThreads(id!).map((c) => apiChannel(ctx.state, c)), members: [] }));

// ---- Channels and messages --------------------------------------------------------------------------------

route('GET', r('/channels/{id}'), (ctx, _req, [id]) => {
  const c = ctx.state.channels.get(id!);
  return c ? ok(apiChannel(ctx.state, c)) : UNKNOWN_CHANNEL();
});

const NONCE_WINDOW_MS = 5 * 60_000;
route('POST', r('/channels/{id}/messages'), (ctx, req, [channelId]) => {
  const channel = ctx.state.channels.get(channelId!);
  if (!channel) return UNKNOWN_CHANNEL();
  const body = req.body ?? {};
  const invalid = validatePayload(body, req.files, true);
  if (invalid) return invalid;
  if (body.nonce !== undefined && (typeof body.nonce === 'string' ? body.nonce.length > 25 : !Number.isInteger(body.nonce))) {
    return invalidForm('nonce', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
  const key = `${channelId}:${ctx.state.botUser.id}:${String(body.nonce)}`;
  if (body.nonce !== undefined && body.enforce_nonce) {
    const seen = ctx.state.nonces.get(key);
    const earlier = seen && Date.now() - seen.at < NONCE_WINDOW_MS ? ctx.state.findMessage(channelId!, seen.messageId) : undefined;
    if (earlier) return ok(apiMessage(earlier));
  }
  let extra: Partial<StoredMessage> = {};
  if (body.message_reference?.message_id) {
    const ref = body.message_reference;
    const target = ctx.state.findMessage(ref.channel_id ?? channelId!, String(ref.message_id));
    if (!target && ref.fail_if_not_exists !== false) {
      return invalidForm('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    }
    if (target) extra = { type: 19, message_reference: { type: 0, message_id: target.id, channel_id: target.channel_id, ...(target.guild_id ? { guild_id: target.guild_id } : {}) } };
  }
  const m = createMessage(ctx, channelId!, body, req.files, extra);
  if (body.nonce !== undefined) ctx.state.nonces.set(key, { messageId: m.id, channelId: channelId!, at: Date.now() });
  return ok(apiMessage(m));
});

route('GET', r('/channels/{id}/messages'), (ctx, req, [channelId]) => {
  if (!ctx.state.channels.has(channelId!)) return UNKNOWN_CHANNEL();
  const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 50) || 50));
  let list = ctx.state.channelMessages(channelId!).filter((m) => !m.deleted && !(m.flags & MessageFlags.Ephemeral));
  const big = (s: string) => BigInt(s);
  if (req.query.before) list = list.filter((m) => big(m.id) < big(req.query.before!));
  if (req.query.after) list = list.filter((m) => big(m.id) > big(req.query.after!));
  let out = list.slice().reverse(); // newest first
  if (req.query.after) out = list.slice(0, limit).reverse();
  if (req.query.around) {
    const i = list.findIndex((m) => m.id === req.query.around);
    const from = Math.max(0, i - Math.floor(limit / 2));
    out = list.slice(from, from + limit).reverse();
  }
  return ok(out.slice(0, limit).map((m) => apiMessage(m)));
});

route('GET', r('/channels/{id}/messages/{id}'), (ctx, _req, [channelId, messageId]) => {
  if (!ctx.state.channels.has(channelId!)) return UNKNOWN_CHANNEL();
  const m = ctx.state.findMessage(channelId!, messageId!);
  return m && !(m.flags & MessageFlags.Ephemeral) ? ok(apiMessage(m)) : UNKNOWN_MESSAGE();
});

route('PATCH', r('/channels/{id}/messages/{id}'), (ctx, req, [channelId, messageId]) => {
  if (!ctx.state.channels.has(channelId!)) return UNKNOWN_CHANNEL();
  const m = ctx.state.findMessage(channelId!, messageId!);
  if (!m) return UNKNOWN_MESSAGE();
  if (m.author.id !== ctx.state.botUser.id) return err(403, 50005, 'Cannot edit a message authored by another user');
  const invalid = validatePayload(req.body ?? {}, req.files, false, m);
  if (invalid) return invalid;
  return ok(apiMessage(editMessage(ctx, m, req.body ?? {}, req.files)));
});

route('DELETE', r('/channels/{id}/messages/{id}'), (ctx, _req, [channelId, messageId]) => {
  if (!ctx.state.channels.has(channelId!)) return UNKNOWN_CHANNEL();
  const m = ctx.state.findMessage(channelId!, messageId!);
  if (!m) return UNKNOWN_MESSAGE();
  deleteMessage(ctx, m);
  return ok();
});

route('POST', r('/channels/{id}/typing'), (ctx, _req, [channelId]) => (ctx.state.channels.has(channelId!) ? ok() : UNKNOWN_CHANNEL()));
route('PUT', r('/channels/{id}/messages/{id}/reactions/([^/]+)/@me'), (ctx, _req, [c, m]) => (ctx.state.findMessage(c!, m!) ? ok() : UNKNOWN_MESSAGE()));
route('DELETE', r('/channels/{id}/messages/{id}/reactions/([^/]+)/@me'), (ctx, _req, [c, m]) => (ctx.state.findMessage(c!, m!) ? ok() : UNKNOWN_MESSAGE()));

function createThread(ctx: RouteContext, parentId: string, body: any, id?: string, type = 11): RouteResult {
  const parent = ctx.state.channels.get(parentId);
  if (!parent) return UNKNOWN_CHANNEL();
  if (!parent.guildId || isThread(parent)) return err(400, 50024, 'Cannot execute action on this channel type');
  const name = body?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
    return invalidForm('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  const archive = body.auto_archive_duration;
  if (archive !== undefined && ![60, 1440, 4320, 10080].includes(Number(archive))) {
    return invalidForm('auto_archive_duration', 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  }
  const thread = ctx.state.addChannel({
    ...(id ? { id } : {}), type, name, guildId: parent.guildId, parentId, ownerId: ctx.state.botUser.id,
    autoArchiveDuration: Number(archive ?? 1440),
  });
  const data = {
    ...apiChannel(ctx.state, thread),
    member: { id: thread.id, user_id: ctx.state.botUser.id, join_timestamp: new Date().toISOString(), flags: 1 },
  };
  ctx.dispatch('THREAD_CREATE', { ...data, newly_created: true }, (s) => (s.intents & Intents.Guilds) !== 0);
  return ok(data, 201);
}

route('POST', r('/channels/{id}/messages/{id}/threads'), (ctx, req, [channelId, messageId]) => {
  if (!ctx.state.channels.has(channelId!)) return UNKNOWN_CHANNEL();
  const m = ctx.state.findMessage(channelId!, messageId!);
  if (!m || m.flags & MessageFlags.Ephemeral) return UNKNOWN_MESSAGE();
  if (m.thread_id || ctx.state.channels.has(m.id)) return err(400, 160004, 'A thread has already been created for this message');
  const res = createThread(ctx, channelId!, req.body ?? {}, m.id);
  if (res.status < 300) m.thread_id = m.id;
  return res;
});
route('POST', r('/channels/{id}/threads'), (ctx, req, [channelId]) => createThread(ctx, channelId!, req.body ?? {}, undefined, Number(req.body?.type ?? 12)));

// ---- Interactions and their webhooks ---------------------------------------------------------------------

function interactionMessageExtra(ctx: RouteContext, i: InteractionRecord): Partial<StoredMessage> {
  return {
    webhook_id: ctx.state.applicationId, application_id: ctx.state.applicationId, interaction_token: i.token,
    type: i.type === 2 ? 20 : 0,
    interaction_metadata: { id: i.id, type: i.type, user: i.user, authorizing_integration_owners: { 0: i.guildId ?? '0' } },
  };
}

route('POST', r('/interactions/{id}/([^/]+)/callback'), (ctx, req, [id, token]) => {
  const i = ctx.state.interactions.get(token!);
  if (!i || i.id !== id) return UNKNOWN_INTERACTION();
  if (i.callbackType !== undefined) return err(400, 40060, 'Interaction has already been acknowledged.');
  const type = Number(req.body?.type);
  const data = req.body?.data ?? {};
  let message: StoredMessage | undefined;
  switch (type) {
    case 1: break;
    case 4: case 5: {
      if (i.type === 4) return err(400, 50035, 'Invalid Form Body');
      if (type === 4) {
        const invalid = validatePayload(data, req.files, true);
        if (invalid) return invalid;
      }
      const ephemeral = (Number(data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
      i.ephemeral = ephemeral;
      const extra = interactionMessageExtra(ctx, i);
      if (type === 5) extra.flags = (ephemeral ? MessageFlags.Ephemeral : 0) | MessageFlags.Loading;
      message = createMessage(ctx, i.channelId, type === 4 ? data : {}, type === 4 ? req.files : [], extra);
      i.originalMessageId = message.id;
      break;
    }
    case 6: break;
    case 7: {
      const target = i.messageId ? ctx.state.findMessageAnywhere(i.messageId) : undefined;
      if (!target) return err(400, 50035, 'Invalid Form Body');
      message = editMessage(ctx, target, data, req.files);
      i.originalMessageId = target.id;
      break;
    }
    case 8: {
      if (i.type !== 4) return err(400, 50035, 'Invalid Form Body');
      const choices = Array.isArray(data.choices) ? data.choices : [];
      if (choices.length > 25) return invalidForm('choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      i.onAutocomplete?.(choices);
      break;
    }
    case 9: break;
    default:
      return invalidForm('type', 'BASE_TYPE_CHOICES', 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.');
  }
  i.callbackType = type;
  if (req.query.with_response !== 'true') return ok();
  return ok({
    interaction: {
      id: i.id, type: i.type, activity_instance_id: null, response_message_id: message?.id ?? null,
      response_message_loading: type === 5, response_message_ephemeral: i.ephemeral,
    },
    resource: { type, ...(message ? { message: apiMessage(message) } : {}) },
  });
}, false);

function webhookInteraction(ctx: RouteContext, app: string | undefined, token: string | undefined): InteractionRecord | undefined {
  if (app !== ctx.state.applicationId || !token) return undefined;
  return ctx.state.interactions.get(token);
}

function interactionMessage(ctx: RouteContext, i: InteractionRecord, messageId: string): StoredMessage | undefined {
  const id = messageId === '@original' ? i.originalMessageId : messageId;
  if (!id) return undefined;
  const m = ctx.state.findMessage(i.channelId, id) ?? ctx.state.findMessageAnywhere(id);
  return m && (m.interaction_token === i.token || id === i.originalMessageId) ? m : undefined;
}

route('GET', r('/webhooks/{id}/([^/]+)/messages/([^/]+)'), (ctx, _req, [app, token, mid]) => {
  const i = webhookInteraction(ctx, app, token);
  if (!i) return UNKNOWN_WEBHOOK();
  const m = interactionMessage(ctx, i, mid!);
  return m ? ok(apiMessage(m)) : UNKNOWN_MESSAGE();
}, false);

route('PATCH', r('/webhooks/{id}/([^/]+)/messages/([^/]+)'), (ctx, req, [app, token, mid]) => {
  const i = webhookInteraction(ctx, app, token);
  if (!i) return UNKNOWN_WEBHOOK();
  const m = interactionMessage(ctx, i, mid!);
  if (!m) return UNKNOWN_MESSAGE();
  const invalid = validatePayload(req.body ?? {}, req.files, false, m);
  if (invalid) return invalid;
  return ok(apiMessage(editMessage(ctx, m, req.body ?? {}, req.files)));
}, false);

route('DELETE', r('/webhooks/{id}/([^/]+)/messages/([^/]+)'), (ctx, _req, [app, token, mid]) => {
  const i = webhookInteraction(ctx, app, token);
  if (!i) return UNKNOWN_WEBHOOK();
  const m = interactionMessage(ctx, i, mid!);
  if (!m) return UNKNOWN_MESSAGE();
  deleteMessage(ctx, m);
  return ok();
}, false);

route('POST', r('/webhooks/{id}/([^/]+)'), (ctx, req, [app, token]) => {
  const i = webhookInteraction(ctx, app, token);
  if (!i || i.callbackType === undefined) return UNKNOWN_WEBHOOK();
  const body = req.body ?? {};
  const invalid = validatePayload(body, req.files, true);
  if (invalid) return invalid;
  // As Discord does: the first follow-up after a deferred reply fills the deferred (loading) message.
  const original = i.originalMessageId ? ctx.state.findMessage(i.channelId, i.originalMessageId) : undefined;
  const m = original && original.flags & MessageFlags.Loading
    ? editMessage(ctx, original, body, req.files)
    : createMessage(ctx, i.channelId, body, req.files, interactionMessageExtra(ctx, i));
  return req.query.wait === 'true' ? ok(apiMessage(m)) : ok();
}, false);
