import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands, findCommand, runCommandLine, splitCommandLine } from '../../commands/index.js';
import { renderTextReply } from '../../src/render/text.js';
import { openHarness, type Harness } from './helpers.js';

// The registry adapters read to register commands, and the typed-line dispatcher.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

describe('command registry', () => {
  it('has every command, with metadata a platform can register', () => {
    expect(commands.map((c) => c.name)).toEqual(['trends', 'subscribe', 'unsubscribe', 'subscriptions', 'alerts', 'help']);
    for (const command of commands) {
      // Discord: lowercase names up to 32 characters, descriptions up to 100.
      expect(command.name).toMatch(/^[a-z]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.usage.startsWith(`/${command.name}`)).toBe(true);
      for (const option of command.options) {
        expect(option.name).toMatch(/^[a-z]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.example).not.toBe('');
      }
    }
    expect(findCommand('trends')?.options.find((o) => o.name === 'section')?.choices).toEqual(['summary', 'today', 'week', 'month', 'communities', 'analysis', 'full']);
    expect(commands.filter((c) => c.adminOnly).map((c) => c.name)).toEqual(['subscribe', 'unsubscribe', 'subscriptions', 'alerts']);
  });

  it('splits a typed line into name and words', () => {
    expect(splitCommandLine('  /trends   week  2026-02-10 LocalLLaMA ')).toEqual({ name: 'trends', tokens: ['week', '2026-02-10', 'LocalLLaMA'] });
    expect(splitCommandLine('/TRENDS')).toEqual({ name: 'TRENDS', tokens: [] });
  });

  it('command names are case-insensitive', async () => {
    const reply = await runCommandLine('/Trends week', h.context());
    expect(reply.openThread?.reportDate).toBe('2026-02-11');
  });

  it('an unknown command suggests the closest one and lists them all', async () => {
    const reply = await runCommandLine('/trend week', h.context());
    expect(reply.private).toBe(true);
    expect(renderTextReply(reply, { width: 1000 })).toBe(
      'Error: Unknown command /trend. Did you mean "/trends"? Commands: /trends, /subscribe, /unsubscribe, /subscriptions, /alerts, /help.\n',
    );
  });
});

describe('/help', () => {
  it('lists every command with its usage, and each /trends section', async () => {
    const reply = await runCommandLine('/help', h.context({ isAdmin: false }));
    const text = renderTextReply(reply, { width: 1000 });
    for (const command of commands) expect(text).toContain(`${command.usage} - ${command.description}`);
    expect(text).toMatch(/week - the most popular posts of the past 7 days/);
    expect(reply.private).toBe(true);
  });

  it('takes no options', async () => {
    expect(renderTextReply(await runCommandLine('/help me', h.context()))).toMatch(/Error: \/help takes no options/);
  });
});
