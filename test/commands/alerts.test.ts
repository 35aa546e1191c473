import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, runCommandLine } from '../../commands/index.js';
import { alertSetting } from '../../src/alerts/channels.js';
import type { Reply } from '../../src/reply/reply.js';
import { openHarness, type Harness } from './helpers.js';

// `/alerts`: parsing with clear refusals, admins only, the terminal refuses, the setting stored and shown.

let h: Harness;
beforeEach(async () => (h = await openHarness()));
afterEach(() => h.close());

const textOf = (reply: Reply) => reply.blocks.map((b) => ('text' in b ? b.text : b.type === 'paragraph' ? b.spans.map((s) => s.text).join('') : '')).join('\n');

describe('/alerts', () => {
  it('turns alerts on with a level and quiet hours, says what will happen, and off again', async () => {
    const on = await runCommandLine('/alerts on high quiet:22:00-07:00', h.context());
    expect(on.private).toBeFalsy();
    expect(textOf(on)).toContain('Alerts on for this channel (high, quiet 22:00–07:00 (UTC))');
    expect(textOf(on)).toContain('At most 3 a day');
    expect(await alertSetting(h.store, h.context().target)).toMatchObject({ level: 'high', quiet: { from: '22:00', to: '07:00' } });
    const listed = await runCommandLine('/subscriptions', h.context());
    expect(textOf(listed)).toContain('Alerts (1)');
    const off = await runCommandLine('/alerts off', h.context());
    expect(textOf(off)).toContain('Alerts stopped for this channel (they were high, quiet 22:00–07:00)');
    expect(await alertSetting(h.store, h.context().target)).toBeUndefined();
  });

  it('defaults to normal', async () => {
    await runCommandLine('/alerts on', h.context());
    expect(await alertSetting(h.store, h.context().target)).toMatchObject({ level: 'normal' });
  });

  it.each([
    ['/alerts on loud', 'is not an alerts option'],
    ['/alerts on quiet:25:00-07:00', 'is not a span of quiet hours'],
    ['/alerts on off', 'Say on or off once'],
    ['/alerts off high', 'off takes no other option'],
  ])('refuses %s privately, saying what is accepted', async (line, message) => {
    const reply = await runCommandLine(line, h.context());
    expect(reply.private).toBe(true);
    expect(textOf(reply)).toContain(message);
    expect(await alertSetting(h.store, h.context().target)).toBeUndefined();
  });

  it('is for admins only, and the terminal refuses it', async () => {
    const member = await runCommand('alerts', ['on'], h.context({ isAdmin: false }));
    expect(textOf(member)).toContain('only admins can use /alerts');
    const terminal = await runCommand('alerts', ['on'], h.context({ platform: 'console' }));
    expect(textOf(terminal)).toContain('this terminal cannot receive them');
    expect(await alertSetting(h.store, h.context().target)).toBeUndefined();
  });
});
