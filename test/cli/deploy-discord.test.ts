import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends deploy-discord` (`npm run deploy:discord`): one bulk PUT, in one guild or globally.

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('ai-trends deploy-discord', () => {
  it('registers the commands in DISCORD_GUILD_ID with one bulk PUT, available at once', async () => {
    fake = await startFakeDiscord();
    const result = await runBin(['deploy-discord'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    const invite = `https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot+applications.commands&permissions=309237763072`;
    expect(result.stdout).toBe(`Registered 6 slash commands in server ${fake.guildId} (available now).\nInvite the bot to a server (you need Manage Server there): ${invite}\n`);
    expect(fake.callsTo('PUT', new RegExp(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands$`))).toHaveLength(1);
    expect(fake.callsTo('PUT', new RegExp(`/applications/${fake.applicationId}/commands$`))).toEqual([]);
    expect(fake.commands(fake.guildId).map((c) => c.name)).toEqual(['trends', 'trends-subscribe', 'trends-unsubscribe', 'trends-subscriptions', 'trends-alerts', 'trends-help']);
  }, 20_000);

  it('registers globally without DISCORD_GUILD_ID, and says it can take an hour', async () => {
    fake = await startFakeDiscord();
    const result = await runBin(['deploy-discord'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/globally \(Discord may take up to an hour to show them\)/);
    expect(fake.callsTo('PUT', new RegExp(`/applications/${fake.applicationId}/commands$`))).toHaveLength(1);
  }, 20_000);

  it('names the missing settings (exit 2)', async () => {
    const result = await runBin(['deploy-discord'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set/);
  });
});
