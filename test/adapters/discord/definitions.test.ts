import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botPermissions, definitionsHash, discordDefinitions, inviteUrl } from '../../../adapters/discord/definitions.js';
import { commands } from '../../../commands/index.js';

describe('Discord command definitions', () => {
  it('come from the neutral commands: names, options, choices, autocomplete, admin permission', () => {
    const definitions = discordDefinitions();
    expect(definitions.map((d) => d.name)).toEqual(commands.map((c) => (c.name === 'trends' ? 'trends' : `trends-${c.name}`)));
    const trends = definitions[0]!;
    expect(trends.options).toEqual([
      expect.objectContaining({ name: 'section', choices: expect.arrayContaining([{ name: 'week', value: 'week' }]) }),
      expect.objectContaining({ name: 'date', autocomplete: true }),
      expect.objectContaining({ name: 'subreddit', autocomplete: true }),
    ]);
    for (const d of definitions) {
      expect(d.name).toMatch(/^[a-z-]{1,32}$/);
      expect(d.description!.length).toBeLessThanOrEqual(100);
    }
    expect(definitionsHash()).toBe(definitionsHash(discordDefinitions()));
  });

  it('README gives the invite link with exactly the permissions the bot needs', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`permissions=${botPermissions}`);
    expect(inviteUrl('123')).toBe(`https://discord.com/oauth2/authorize?client_id=123&scope=bot+applications.commands&permissions=${botPermissions}`);
  });
});
