// The Discord fake against the real discord.js 14.28 Client: login, interactions, threads, intents,
// injected failures (429, 403), command registration, nonce de-duplication and the global rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import {
  Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, Partials, ChannelType, REST, RESTEvents, Routes,
} from 'discord.js';
import type { APIMessage, RateLimitData } from 'discord.js';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Message } from 'discord.js';
import { shardOf, snowflakeOnShard, startFakeDiscord, snowflakeTime } from './discord/index.js';
import type { FakeDiscord, FakeDiscordOptions } from './discord/index.js';
import { peakPerSecond } from './rolling.js';

const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake?.close();
  fake = undefined;
});

async function connect(intents: GatewayIntentBits[] = [...BASE_INTENTS, GatewayIntentBits.MessageContent], opts: { partials?: Partials[]; fake?: FakeDiscordOptions } = {}) {
  fake = await startFakeDiscord(opts.fake);
  client = new Client({
    intents, rest: { api: fake.apiBase, timeout: 2000, retries: 1 },
    allowedMentions: { parse: [] }, ...(opts.partials ? { partials: opts.partials } : {}),
  });
  const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

function nextInteraction<T>(c: Client, kind: 'command' | 'autocomplete'): Promise<T> {
  return new Promise((resolve) => {
    const on = (i: any) => {
      if ((kind === 'command' && i.isChatInputCommand()) || (kind === 'autocomplete' && i.isAutocomplete())) {
        c.off(Events.InteractionCreate, on); resolve(i as T);
      }
    };
    c.on(Events.InteractionCreate, on);
  });
}

function nextMessage(c: Client, filter: (m: Message) => boolean = () => true): Promise<Message> {
  return new Promise((resolve) => {
    const on = (m: Message) => { if (filter(m)) { c.off(Events.MessageCreate, on); resolve(m); } };
    c.on(Events.MessageCreate, on);
  });
}

describe('fake Discord with a real discord.js Client', () => {
  it('logs in: READY + GUILD_CREATE cache the guild, its channel and the bot user; intents are recorded', async () => {
    const { fake, client } = await connect();
    await fake.ready();
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.user?.bot).toBe(true);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    const channel = client.channels.cache.get(fake.channelId);
    expect(channel?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(fake.identify?.intents).toBe(client.options.intents.bitfield);
    expect(fake.callsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    // Snowflakes carry a realistic time.
    expect(fake.guildId.length).toBeGreaterThanOrEqual(17);
    expect(Math.abs(snowflakeTime(fake.botUser.id) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((guild?.createdTimestamp ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('slash command: deferReply, editReply, followUp recorded in order; fetchReply → startThread → THREAD_CREATE; thread messages arrive', async () => {
    const { fake, client } = await connect();
    const got = nextInteraction<ChatInputCommandInteraction>(client, 'command');
    const sent = fake.slashCommand({ name: 'trends', options: [{ name: 'days', value: 3 }, { name: 'topic', value: 'agents' }] });
    const interaction = await got;
    expect(interaction.commandName).toBe('trends');
    expect(interaction.options.getInteger('days')).toBe(3);
    expect(interaction.options.getString('topic')).toBe('agents');
    expect(interaction.guildId).toBe(fake.guildId);
    expect(interaction.channelId).toBe(fake.channelId);
    expect(interaction.user.id).toBe(fake.user.id);
    expect(interaction.id).toBe(sent.id);

    await interaction.deferReply();
    await interaction.editReply({ content: 'Report for **agents**', allowedMentions: { parse: [] } });
    const waiting = fake.waitForMessage((m) => m.content === 'More below');
    const follow = await interaction.followUp({ content: 'More below', allowedMentions: { parse: [] } });
    expect((await waiting).id).toBe(follow.id);
    expect(follow.content).toBe('More below');

    const paths = fake.calls.filter((c) => /interactions|webhooks/.test(c.path)).map((c) => `${c.method} ${c.path.replace(/\/[^/]{40,}/, '/TOKEN')}`);
    expect(paths).toEqual([
      `POST /interactions/${sent.id}/TOKEN/callback`,
      `PATCH /webhooks/${fake.applicationId}/TOKEN/messages/@original`,
      `POST /webhooks/${fake.applicationId}/TOKEN`,
    ]);
    const [defer, edit, followCall] = fake.calls.filter((c) => /interactions|webhooks/.test(c.path));
    expect(defer!.body).toMatchObject({ type: 5 });
    expect(defer!.auth).toBe(false);
    expect(edit!.at).toBeGreaterThanOrEqual(defer!.at);
    expect(followCall!.query.wait).toBe('true');

    const stored = fake.messages(fake.channelId);
    expect(stored.map((m) => m.content)).toEqual(['Report for **agents**', 'More below']);
    const original = stored[0]!;
    expect(original.author.id).toBe(fake.botUser.id);
    expect(original.flags & MessageFlags.Loading).toBe(0);
    expect(original.history.map((h) => [h.kind, h.allowed_mentions])).toEqual([['create', undefined], ['edit', { parse: [] }]]);

    const reply = await interaction.fetchReply();
    expect(reply.id).toBe(original.id);
    const threadCreated = new Promise<string>((resolve) => client.once(Events.ThreadCreate, (t) => resolve(t.id)));
    const thread = await reply.startThread({ name: 'Follow-ups: agents' });
    expect(thread.id).toBe(reply.id);
    expect(thread.parentId).toBe(fake.channelId);
    expect(await threadCreated).toBe(thread.id);
    expect(client.channels.cache.get(thread.id)?.isThread()).toBe(true);
    expect(fake.channel(thread.id)).toMatchObject({ type: 11, parentId: fake.channelId, guildId: fake.guildId });

    const arrived = nextMessage(client, (m) => m.channelId === thread.id && !m.author.bot);
    fake.userMessage({ channelId: thread.id, content: 'what about MCP?' });
    const msg = await arrived;
    expect(msg.content).toBe('what about MCP?');
    expect(msg.channel.isThread()).toBe(true);

    await thread.send({ content: 'Answer', allowedMentions: { parse: [] } });
    expect(fake.messages(thread.id).map((m) => m.content)).toEqual(['what about MCP?', 'Answer']);
  });

  it('thread names outside 1–100 characters are rejected with 400', async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const m = await channel.send({ content: 'root' });
    await expect(m.startThread({ name: 'x'.repeat(101) })).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('without the MessageContent intent a plain message arrives with empty content; a mention keeps it', async () => {
    const { fake, client } = await connect(BASE_INTENTS);
    expect(fake.identify!.intents & GatewayIntentBits.MessageContent).toBe(0);
    const plain = nextMessage(client);
    fake.userMessage({ content: 'hello there' });
    expect((await plain).content).toBe('');
    const mention = nextMessage(client);
    fake.userMessage({ content: `<@${fake.botUser.id}> summarise today`, mentionsBot: true });
    const m = await mention;
    expect(m.content).toBe(`<@${fake.botUser.id}> summarise today`);
    expect(m.mentions.users.has(fake.botUser.id)).toBe(true);
  });

  it('DMs need Partials.Channel in discord.js; their content arrives without MessageContent', async () => {
    const { fake, client } = await connect(BASE_INTENTS, { partials: [Partials.Channel] });
    const dm = fake.dmChannel();
    const got = nextMessage(client);
    fake.userMessage({ channelId: dm, content: 'hi bot' });
    const m = await got;
    expect(m.content).toBe('hi bot');
    expect(m.channel.isDMBased()).toBe(true);
    await m.reply({ content: 'hi', allowedMentions: { parse: [] } });
    expect(fake.messages(dm).map((x) => x.content)).toEqual(['hi bot', 'hi']);
  });

  it('autocomplete: respond() is recorded and its choices are returned to the test', async () => {
    const { fake, client } = await connect();
    const got = nextInteraction<AutocompleteInteraction>(client, 'autocomplete');
    const handle = fake.autocomplete({ name: 'trends', options: [{ name: 'topic', value: 'ag', focused: true }] });
    const interaction = await got;
    expect(interaction.options.getFocused()).toBe('ag');
    await interaction.respond([{ name: 'agents', value: 'agents' }]);
    expect(await handle.choices()).toEqual([{ name: 'agents', value: 'agents' }]);
    expect(fake.callsTo('POST', /\/callback$/)[0]!.body).toEqual({ type: 8, data: { choices: [{ name: 'agents', value: 'agents' }] } });
  });

  it('a 429 (retry_after 0.05 s) on a message PATCH is retried by discord.js; exactly one edit is stored', async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const m = await channel.send({ content: 'draft' });
    fake.failNext({ method: 'PATCH', path: /^\/channels\/\d+\/messages\/\d+$/ }, { status: 429, retryAfter: 0.05 });
    const started = Date.now();
    const edited = await m.edit({ content: 'final', allowedMentions: { parse: [] } });
    expect(edited.content).toBe('final');
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    const patches = fake.callsTo('PATCH', /^\/channels\//);
    expect(patches.map((c) => c.status)).toEqual([429, 200]);
    const stored = fake.message(m.id)!;
    expect(stored.content).toBe('final');
    expect(stored.history.filter((h) => h.kind === 'edit')).toHaveLength(1);
  });

  it('a 403 Missing Permissions on POST message surfaces as DiscordAPIError 50013 / 403', async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    fake.failNext({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 403 });
    const error = await channel.send({ content: 'hello' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50013, status: 403 });
    expect(fake.messages()).toHaveLength(0);
    // Unknown routes are 404 and recorded, so a test can see what was missed.
    await expect(client.rest.get('/nothing/here' as `/${string}`)).rejects.toMatchObject({ status: 404 });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', path: '/nothing/here', status: 404 });
  });

  it('bulk command overwrite (global and guild) is recorded, stored with ids, and used by slashCommand', async () => {
    const { fake, client } = await connect();
    const defs = [{ name: 'trends', description: 'Today\'s AI trends', options: [{ type: 3, name: 'topic', description: 'Topic', autocomplete: true }] }];
    const global = await client.application!.commands.set(defs);
    expect(global.first()?.name).toBe('trends');
    const guildCmds = await client.application!.commands.set([{ name: 'ask', description: 'Ask' }], fake.guildId);
    expect(guildCmds.first()?.guildId).toBe(fake.guildId);
    expect(fake.callsTo('PUT', /^\/applications\/\d+\/commands$/)[0]!.body).toMatchObject(defs);
    expect(fake.callsTo('PUT', /\/guilds\/\d+\/commands$/)).toHaveLength(1);
    expect(fake.commands().map((c) => c.name)).toEqual(['trends']);
    const fetched = await client.application!.commands.fetch();
    expect(fetched.size).toBe(1);
    const got = nextInteraction<ChatInputCommandInteraction>(client, 'command');
    fake.slashCommand({ name: 'trends' });
    expect((await got).commandId).toBe(global.first()!.id);
    await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }])).rejects.toMatchObject({ status: 400 });
  });

  it('enforce_nonce de-duplicates a repeated send', async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const a = await channel.send({ content: 'once', nonce: 'report-2026-11-23', enforceNonce: true });
    const b = await channel.send({ content: 'once', nonce: 'report-2026-11-23', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.messages().filter((m) => m.content === 'once')).toHaveLength(1);
    expect(fake.callsTo('POST', /\/messages$/).map((c) => c.body.enforce_nonce)).toEqual([true, true]);
  });

  it('ephemeral replies are stored with the flag; a reconnect resumes and later events still arrive', async () => {
    const { fake, client } = await connect();
    const got = nextInteraction<ChatInputCommandInteraction>(client, 'command');
    fake.slashCommand({ name: 'trends' });
    const interaction = await got;
    await interaction.reply({ content: 'only you', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    expect(fake.messages()[0]!.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.disconnectAll();
    await resumed;
    expect(fake.gatewayFrames.some((f) => f.op === 6)).toBe(true);
    const arrived = nextMessage(client);
    fake.userMessage({ content: 'after resume' });
    expect((await arrived).content).toBe('after resume');
  });
  it('without Partials.Channel discord.js drops DM messages (an uncached DM channel): the next guild message arrives first', async () => {
    const { fake, client } = await connect();
    const got = nextMessage(client);
    fake.userMessage({ channelId: fake.dmChannel(), content: 'lost dm' });
    fake.userMessage({ content: 'guild message' });
    expect((await got).content).toBe('guild message');
  });

  it('reply withResponse, user edits (MESSAGE_UPDATE), first follow-up after a defer fills the deferred message', async () => {
    const { fake, client } = await connect();
    let got = nextInteraction<ChatInputCommandInteraction>(client, 'command');
    fake.slashCommand({ name: 'trends' });
    let interaction = await got;
    const res = await interaction.reply({ content: 'hi', withResponse: true, allowedMentions: { parse: [] } });
    expect(res.resource?.message?.content).toBe('hi');

    got = nextInteraction<ChatInputCommandInteraction>(client, 'command');
    fake.slashCommand({ name: 'trends', dm: true });
    interaction = await got;
    expect(interaction.inGuild()).toBe(false);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const m = await interaction.followUp({ content: 'filled', allowedMentions: { parse: [] } });
    const dmMessages = fake.messages(interaction.channelId);
    expect(dmMessages).toHaveLength(1);
    expect(dmMessages[0]!.id).toBe(m.id);
    expect(dmMessages[0]!.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const updated = new Promise<string>((resolve) => client.once(Events.MessageUpdate, (_old, m2) => resolve(m2.content ?? '')));
    const mine = fake.userMessage({ content: 'typo' });
    fake.userMessageUpdate({ channelId: fake.channelId, messageId: mine.id, content: 'fixed' });
    expect(await updated).toBe('fixed');
    expect(fake.message(mine.id)!.history.map((h) => h.content)).toEqual(['typo', 'fixed']);
  });

  it('latencyMs delays every REST response', async () => {
    fake = await startFakeDiscord({ latencyMs: 40 });
    const started = Date.now();
    const res = await fetch(`${fake.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${fake.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect((await fetch(`${fake.apiBase}/v10/users/@me`)).status).toBe(401);
  });
  it('multipart sends record payload_json and files; unknown channels are 404 10003', async () => {
    const { fake, client } = await connect();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const m = await channel.send({ content: 'chart', files: [{ attachment: Buffer.from('PNGDATA'), name: 'chart.png' }], allowedMentions: { parse: [] } });
    expect(m.attachments.first()?.name).toBe('chart.png');
    const call = fake.callsTo('POST', /\/messages$/)[0]!;
    expect(call.body).toMatchObject({ content: 'chart', allowed_mentions: { parse: [] }, files: [{ name: 'chart.png', size: 7 }] });
    await expect(client.rest.post(`/channels/${fake.guildId}99/messages`, { body: { content: 'x' } })).rejects.toMatchObject({ status: 404, code: 10003 });
  });
});


describe('fake Discord: global rate limit', () => {
  it('past perSecond, bot-token requests get Discord\'s global 429 (body, headers); interaction callbacks are exempt', async () => {
    fake = await startFakeDiscord({ globalRateLimit: { perSecond: 3 } });
    const get = () => fetch(`${fake!.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${fake!.token}` } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get()).status);
    const limited = await get();
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    const body = await limited.json() as { retry_after: number };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: true, code: 0 });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(limited.headers.get('retry-after')).toBe('1'); // whole seconds, rounded up
    expect(limited.headers.has('x-ratelimit-bucket')).toBe(false);
    expect(fake.rateLimited).toBe(1);
    expect(fake.acceptedAt).toHaveLength(3);
    expect(fake.calls.map((c) => c.status)).toEqual([200, 200, 200, 429]);
    // Without the bot token (an interaction callback) the global limit does not apply.
    const callback = await fetch(`${fake.apiBase}/v10/interactions/1234567890123456789/tok/callback`, { method: 'POST', body: '{"type":1}' });
    expect(callback.status).toBe(404);
    expect(fake.rateLimited).toBe(1);
  });

  it('a discord.js REST client over the limit waits out each global 429: every send succeeds once, none lost', async () => {
    fake = await startFakeDiscord({ globalRateLimit: { perSecond: 10 } });
    const channels = [fake.channelId, ...Array.from({ length: 4 }, (_, i) => fake!.addChannel({ name: `c${i}` }))];
    // The client believes it may send 50 a second (its default): the fake's 10 bind.
    const rest = new REST({ api: fake.apiBase, globalRequestsPerSecond: 50, timeout: 5000 }).setToken(fake.token);
    const waits: RateLimitData[] = [];
    rest.on(RESTEvents.RateLimited, (d) => { waits.push(d); });
    const started = Date.now();
    const sends = Array.from({ length: 25 }, (_, i) => rest.post(Routes.channelMessages(channels[i % channels.length]!), {
      body: { content: `post ${i}`, nonce: `morning-${i}`, enforce_nonce: true },
    }) as Promise<APIMessage>);
    const sent = await Promise.all(sends);
    const elapsed = Date.now() - started;

    expect(sent.map((m) => m.content)).toEqual(Array.from({ length: 25 }, (_, i) => `post ${i}`));
    const stored = channels.flatMap((c) => fake!.messages(c));
    expect(stored).toHaveLength(25);
    expect(new Set(stored.map((m) => m.content)).size).toBe(25);
    expect(new Set(sent.map((m) => m.id)).size).toBe(25);
    expect(fake.rateLimited).toBeGreaterThan(0);
    const posts = fake.callsTo('POST', /^\/channels\/\d+\/messages$/);
    expect(posts.filter((c) => c.status === 200)).toHaveLength(25);
    expect(posts.filter((c) => c.status === 429)).toHaveLength(fake.rateLimited);
    // 25 at 10 a rolling second: at least two full waits; each wait is Retry-After (1 s) + the 50 ms offset.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(peakPerSecond(fake.acceptedAt)).toBeLessThanOrEqual(10);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w.global)).toBe(true);
  }, 15_000);

  it('a logged-in Client: sequential sends with nonce+enforce_nonce all land once; the call log keeps nonce/enforce_nonce; fetch returns newest first', async () => {
    const { fake, client } = await connect(undefined, { fake: { globalRateLimit: { perSecond: 5 } } });
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('not sendable');
    fake.userMessage({ content: 'good morning' });
    for (let i = 0; i < 8; i++) await channel.send({ content: `item ${i}`, nonce: `n${i}`, enforceNonce: true, allowedMentions: { parse: [] } });
    expect(fake.rateLimited).toBeGreaterThan(0);
    const posts = fake.callsTo('POST', /\/messages$/);
    expect(posts.filter((c) => c.status === 200).map((c) => [c.body.nonce, c.body.enforce_nonce]))
      .toEqual(Array.from({ length: 8 }, (_, i) => [`n${i}`, true]));
    // A 429 stores nothing and the retry resends the same nonce: one message per send.
    expect(fake.messages().map((m) => m.content)).toEqual(['good morning', ...Array.from({ length: 8 }, (_, i) => `item ${i}`)]);

    const latest = await channel.messages.fetch({ limit: 3 });
    expect([...latest.values()].map((m) => m.content)).toEqual(['item 7', 'item 6', 'item 5']);
    expect([...latest.values()].every((m) => m.author.id === fake.botUser.id)).toBe(true);
    const raw = await client.rest.get(Routes.channelMessages(fake.channelId), { query: new URLSearchParams({ limit: '20' }) }) as APIMessage[];
    expect(raw).toHaveLength(9);
    expect(raw[0]).toMatchObject({ content: 'item 7', author: { id: fake.botUser.id, bot: true } });
    expect(raw.at(-1)).toMatchObject({ content: 'good morning', author: { id: fake.user.id } });
  }, 15_000);
});

describe('fake Discord: two shards', () => {
  let clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    clients = [];
  });

  async function shardClient(fake: FakeDiscord, shard: number): Promise<Client> {
    const c = new Client({ intents: BASE_INTENTS, shards: [shard], shardCount: 2, rest: { api: fake.apiBase, timeout: 2000, retries: 1 }, allowedMentions: { parse: [] } });
    clients.push(c);
    const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
    await c.login(fake.token);
    await ready;
    return c;
  }

  it('each session gets only the guilds with (id >> 22) % 2 === its shard, and only their interactions and messages; /gateway/bot recommends the count', async () => {
    const guilds = [snowflakeOnShard(0, 2), snowflakeOnShard(1, 2), snowflakeOnShard(0, 2), snowflakeOnShard(1, 2)];
    fake = await startFakeDiscord({ recommendedShards: 2, guilds: guilds.map((id) => ({ id })) });
    expect(((await new REST({ api: fake.apiBase }).setToken(fake.token).get(Routes.gatewayBot())) as { shards: number }).shards).toBe(2);
    const [zero, one] = [await shardClient(fake, 0), await shardClient(fake, 1)];
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 2], [1, 2]]);
    const owned = (c: Client) => [...c.guilds.cache.keys()].filter((id) => guilds.includes(id)).sort();
    expect(owned(zero)).toEqual([guilds[0], guilds[2]].sort());
    expect(owned(one)).toEqual([guilds[1], guilds[3]].sort());
    // The fake's default guild is on one of them, never on both.
    expect(zero.guilds.cache.has(fake.guildId)).not.toBe(one.guilds.cache.has(fake.guildId));

    const heard: Array<[number, string]> = [];
    for (const [shard, c] of [zero, one].entries()) {
      c.on(Events.InteractionCreate, (i) => void heard.push([shard, i.guildId!]));
      c.on(Events.MessageCreate, (m) => void heard.push([shard, m.guildId!]));
    }
    for (const guildId of guilds) {
      expect(fake.slashCommand({ name: 'trends', guildId }).shards).toEqual([shardOf(guildId, 2)]);
      fake.userMessage({ channelId: fake.state.guildChannels(guildId)[0]!.id, content: 'hello' });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.sort()).toEqual(guilds.flatMap((g) => [[shardOf(g, 2), g], [shardOf(g, 2), g]]).sort());
    // A DM has no guild: Discord sends it to shard 0.
    expect(fake.slashCommand({ name: 'trends', dm: true }).shards).toEqual([0]);
  });

  it('refuses an IDENTIFY whose shard is not [id < count, count ≥ 1] (close 4010)', async () => {
    fake = await startFakeDiscord();
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(fake.gatewayUrl);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (raw) => {
      if (JSON.parse(String(raw)).op === 10) socket.send(JSON.stringify({ op: 2, d: { token: fake!.token, intents: 1, properties: {}, shard: [2, 2] } }));
    });
    expect(await closed).toBe(4010);
  });
});
