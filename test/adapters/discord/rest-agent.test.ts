import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../../adapters/discord/bot.js';
import { createLogger } from '../../../src/log.js';
import { discordMessage, withChartFile } from '../../../src/render/discord.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { openTempStore } from '../../helpers/store.js';
import type { Store } from '../../../src/store/store.js';

// undici's process-wide dispatcher is installed by whichever copy of undici loads first. When it is the undici 7
// Bolt brings (Slack loaded before Discord, as when both start side by side), every Discord post with a file
// failed ("action is not a function": undici 7 does not take the FormData of @discordjs/rest's undici 6).
// Discord's REST has an agent of its own copy: its posts do not depend on what loaded first.

// undici 7 as Bolt loads it (through @slack/socket-mode).
const fromBolt = createRequire(createRequire(import.meta.url).resolve('@slack/bolt'));
const socketModePath = fromBolt.resolve('@slack/socket-mode');
type Dispatcher = object;
const undici7 = createRequire(socketModePath)('undici') as { Agent: new () => Dispatcher; getGlobalDispatcher(): Dispatcher; setGlobalDispatcher(d: Dispatcher): void };
const undici7Version = (createRequire(socketModePath)('undici/package.json') as { version: string }).version;
const { Agent, getGlobalDispatcher, setGlobalDispatcher } = undici7;

let fake: FakeDiscord | undefined;
let bot: DiscordBot | undefined;
let store: Store | undefined;
const before = getGlobalDispatcher();
afterEach(async () => {
  // Files after this one in the worker get the dispatcher they had.
  setGlobalDispatcher(before);
  await bot?.stop(0);
  await store?.close();
  await fake?.close();
  fake = bot = store = undefined;
});

describe("Discord's REST agent", () => {
  it("posts a message with its chart file when undici 7 holds the process-wide dispatcher", async () => {
    expect(undici7Version).toMatch(/^7\./);
    setGlobalDispatcher(new Agent());
    fake = await startFakeDiscord();
    store = await openTempStore('sample');
    const log = createLogger('silent');
    bot = await startDiscord({
      settings: { token: fake.token, applicationId: fake.applicationId, apiBase: fake.apiBase, messageContent: true },
      services: { store } as never,
      followUps: makeFollowUps({ store }),
      store,
      clock: () => new Date(),
      log,
      listen: false,
    });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const target = { platform: 'discord' as const, workspaceId: fake.guildId, channelId: fake.channelId };
    await bot.chat.post(target, withChartFile(discordMessage('the week'), png, 'a chart of the week'));
    const [posted] = fake.messages(fake.channelId).filter((m) => m.author.id === fake!.botUser.id);
    expect(posted?.content).toBe('the week');
    expect(posted?.attachments.map((a) => [a.filename, a.size, a.description])).toEqual([['ai-trends-week.png', png.length, 'a chart of the week']]);
  });
});
