import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine, runParsed } from '../../commands/index.js';
import { subscribeCommand } from '../../commands/subscribe.js';
import { renderTextReply } from '../../src/render/text.js';
import type { Reply } from '../../src/reply/reply.js';
import { openStore } from '../../src/store/store.js';
import { openHarness, type Harness } from './helpers.js';

// /subscribe, /unsubscribe and /subscriptions against a real SQLite store.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const run = (line: string, overrides = {}) => runCommandLine(line, h.context(overrides));
const textOf = (reply: Reply) => renderTextReply(reply, { width: 1000 });
const errorText = (reply: Reply) => {
  expect(reply.private).toBe(true);
  expect(reply.blocks[0]).toMatchObject({ type: 'note', tone: 'error' });
  return (reply.blocks[0] as { text: string }).text;
};

describe('/subscribe', () => {
  it('stores the defaults: 08:00 UTC, summary', async () => {
    const reply = await run('/subscribe');
    expect(textOf(reply)).toMatch(/every day at 08:00 UTC, sections: summary/);
    expect(await h.store.subscriptions.get('discord:C1')).toEqual({
      target: { platform: 'discord', workspaceId: 'G1', channelId: 'C1' },
      time: '08:00',
      timezone: 'UTC',
      sections: ['summary'],
      createdBy: 'U1',
      createdAt: '2026-02-11T08:00:00.000Z',
    });
  });

  it('takes time, zone and sections in any order, matching the zone case-insensitively', async () => {
    await run('/subscribe week,SUMMARY,week europe/berlin 7:30');
    expect(await h.store.subscriptions.get('discord:C1')).toMatchObject({ time: '07:30', timezone: 'Europe/Berlin', sections: ['week', 'summary'] });
  });

  it('sections may be spread over several words ("summary, week")', async () => {
    await run('/subscribe summary, week 07:30');
    expect(await h.store.subscriptions.get('discord:C1')).toMatchObject({ time: '07:30', sections: ['summary', 'week'] });
  });

  it('a single section word is a section list of one', async () => {
    await run('/subscribe 06:00 month');
    expect(await h.store.subscriptions.get('discord:C1')).toMatchObject({ time: '06:00', timezone: 'UTC', sections: ['month'] });
  });

  it('an old zone name is stored under its current name, and said so', async () => {
    const reply = await run('/subscribe 07:30 US/Pacific');
    expect(textOf(reply)).toMatch(/US\/Pacific is stored under its current name, America\/Los_Angeles/);
    expect((await h.store.subscriptions.get('discord:C1'))?.timezone).toBe('America/Los_Angeles');
  });

  it('subscribing again replaces the setting and says what it was', async () => {
    await run('/subscribe 08:00');
    const reply = await run('/subscribe 09:15 Asia/Tokyo');
    expect(textOf(reply)).toMatch(/replaces the earlier setting \(08:00 UTC, sections: summary\)/);
    expect((await h.store.subscriptions.list()).map((e) => e.key)).toEqual(['discord:C1']);
  });

  it.each([
    ['25:00', /"25:00" is not a time of day: use HH:MM on a 24-hour clock/],
    ['12:60', /"12:60" is not a time of day/],
    ['8', /"8" is not a time of day/],
    ['7pm', /"7pm" is not a time of day/],
    ['Europe/Berln', /Unknown time zone "Europe\/Berln"\. Did you mean "Europe\/Berlin"\?/],
    ['Berlin', /Unknown time zone "Berlin"\. Did you mean "Europe\/Berlin"\?/],
    ['Mars/Olympus', /Unknown time zone "Mars\/Olympus"\. Use an IANA name such as Europe\/Berlin/],
    ['sumary', /Unknown section "sumary"\. Did you mean "summary"\?/],
    ['summary,weak', /Unknown section "weak"\. Did you mean "week"\? Sections: summary, today, week/],
    ['07:00 08:00', /one time at most/],
    ['UTC Europe/Berlin', /one time zone at most/],
    [',', /Name at least one section/],
  ])('rejects %s', async (value, message) => {
    expect(errorText(await run(`/subscribe ${value}`))).toMatch(message);
    expect(await h.store.subscriptions.get('discord:C1')).toBeUndefined();
  });

  it('refuses non-admins politely, privately, before looking at the options', async () => {
    for (const line of ['/subscribe 07:30 Europe/Berlin', '/subscribe 99:99', '/unsubscribe']) {
      const reply = await run(line, { isAdmin: false });
      expect(reply.private).toBe(true);
      expect(reply.blocks).toEqual([{ type: 'note', tone: 'info', text: expect.stringMatching(/^Sorry, only admins can use \/(un)?subscribe/) }]);
    }
    // Named options reach the handler directly: it refuses too.
    const direct = await subscribeCommand.run({}, h.context({ isAdmin: false }));
    expect(textOf(direct)).toMatch(/only admins/);
    expect(await runParsed(subscribeCommand, { time: '07:30' }, h.context({ isAdmin: false }))).toEqual(direct);
    expect(await h.store.subscriptions.list()).toEqual([]);
  });
});

describe('/unsubscribe', () => {
  it('removes the channel subscription and says what it was', async () => {
    await run('/subscribe 07:30 Europe/Berlin');
    const reply = await run('/unsubscribe');
    expect(textOf(reply)).toMatch(/Morning post stopped for this channel \(it was 07:30 Europe\/Berlin, sections: summary\)/);
    expect(await h.store.subscriptions.get('discord:C1')).toBeUndefined();
  });

  it('says so when there is nothing to stop', async () => {
    expect(textOf(await run('/unsubscribe'))).toMatch(/no morning post to stop/);
  });

  it('takes no options', async () => {
    expect(errorText(await run('/unsubscribe now'))).toMatch(/takes no options/);
  });
});

describe('/subscriptions', () => {
  it('lists this workspace only and marks this channel', async () => {
    await run('/subscribe 07:30 Europe/Berlin summary,week');
    await run('/subscribe 18:00', { channelId: 'C2' });
    await run('/subscribe 09:00', { workspaceId: 'G2', channelId: 'C9' });
    await run('/subscribe 09:00', { platform: 'slack', workspaceId: 'G1', channelId: 'C1' });
    const reply = await run('/subscriptions');
    expect(textOf(reply)).toBe(
      'Morning posts (2)\n-----------------\n\nChannel C1 (this channel): 07:30 Europe/Berlin, sections: summary, week\n\nChannel C2: 18:00 UTC, sections: summary\n',
    );
  });

  it('is refused to members who are not admins (it names every channel, private ones too)', async () => {
    await run('/subscribe 07:30');
    expect(textOf(await run('/subscriptions', { isAdmin: false }))).toMatch(/admin/i);
    expect(textOf(await run('/subscriptions', { isAdmin: false }))).not.toMatch(/Channel C1/);
  });

  it('says how to add one when there is none', async () => {
    expect(textOf(await run('/subscriptions'))).toMatch(/No morning posts are set up here yet\. An admin can add one with \/subscribe/);
  });

  it('survives reopening the SQLite store (a new process)', async () => {
    await run('/subscribe 07:30 Europe/Berlin');
    await h.close();
    const reopened = await openStore(h.storeUrl, 'sample');
    h = { ...h, store: reopened, close: () => reopened.close() };
    const services = { store: reopened, reports: { get: () => Promise.reject(new Error('not needed to list')) } };
    const reply = await runCommandLine('/subscriptions', h.context({ services }));
    expect(textOf(reply)).toMatch(/Channel C1 \(this channel\): 07:30 Europe\/Berlin, sections: summary/);
  });
});

describe('a paused morning post', () => {
  const pause = async (channelId: string) => {
    const key = `discord:${channelId}`;
    const subscription = (await h.store.subscriptions.get(key))!;
    await h.store.subscriptions.set(key, { ...subscription, paused: { code: 'missing_permissions', message: 'Missing Permissions', hint: 'Give the bot the Send Messages permission in this channel.', at: '2026-02-11T08:00:01Z', reportDate: '2026-02-11' } });
  };

  it('is told to the next admin who runs a subscription command in the workspace, with what to do', async () => {
    await run('/subscribe 07:30', { channelId: 'C2' });
    await pause('C2');
    const listed = textOf(await run('/subscriptions'));
    expect(listed).toMatch(/Channel C2: 07:30 UTC, sections: summary \(paused\)/);
    expect(listed).toMatch(/morning post of channel C2 is paused: it failed on 2026-02-11 \(missing_permissions\)\. Give the bot the Send Messages permission/);
    expect(textOf(await run('/subscribe 09:00'))).toMatch(/channel C2 is paused/);
    // Another workspace hears nothing of it.
    expect(textOf(await run('/subscribe 09:00', { workspaceId: 'G2', channelId: 'C9' }))).not.toMatch(/paused/);
  });

  it('runs again once an admin subscribes that channel again', async () => {
    await run('/subscribe 07:30');
    await pause('C1');
    expect(textOf(await run('/subscribe 07:30'))).toMatch(/paused morning post of this channel \(missing_permissions on 2026-02-11\) runs again/);
    expect((await h.store.subscriptions.get('discord:C1'))?.paused).toBeUndefined();
  });
});
