import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommandLine, runParsed } from '../../commands/index.js';
import { subscribeCommand } from '../../commands/subscribe.js';
import { checkCommunities, checkDays, checkLanguage, checkTopics } from '../../commands/subscription-options.js';
import { renderTextReply } from '../../src/render/text.js';
import type { Reply } from '../../src/reply/reply.js';
import { openHarness, type Harness } from './helpers.js';

// Issue 20: a subscription's communities, topics, language and days; every bad value refused, privately,
// naming it, with nothing stored.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const configured = ['LocalLLaMA', 'MachineLearning', 'OpenAI', 'singularity'];
const checked: string[] = [];
const services = () => ({
  reports: h.reports,
  store: h.store,
  communities: configured,
  maxCommunities: 6,
  checkCommunity: async (name: string) => {
    checked.push(name);
    if (name.toLowerCase() === 'localllm') return { ok: true as const, name: 'LocalLLM' };
    if (name.toLowerCase().startsWith('private')) return { ok: false as const, reason: 'private' };
    return { ok: false as const, reason: 'not found' };
  },
});
const run = (line: string, overrides = {}) => runCommandLine(line, h.context({ services: services(), ...overrides }));
const textOf = (reply: Reply) => renderTextReply(reply, { width: 1000 });
const errorText = (reply: Reply) => {
  expect(reply.private).toBe(true);
  expect(reply.blocks[0]).toMatchObject({ type: 'note', tone: 'error' });
  return (reply.blocks[0] as { text: string }).text;
};

describe('/subscribe with per-channel settings (Slack words)', () => {
  it('stores every setting and repeats the whole of it', async () => {
    const reply = await run('/subscribe 08:00 Europe/Berlin summary,week communities:localllama,LocalLLM topics:+agents,-crypto language:pt-br days:weekdays');
    expect(reply.private).toBeFalsy();
    expect(textOf(reply)).toMatch(
      /on weekdays at 08:00 Europe\/Berlin, sections: summary, week, communities: r\/LocalLLaMA, r\/LocalLLM, topics: \+agents -crypto, language: pt-BR, days: weekdays/,
    );
    expect(await h.store.subscriptions.get('discord:C1')).toMatchObject({ communities: ['LocalLLaMA', 'LocalLLM'], topics: ['+agents', '-crypto'], language: 'pt-BR', days: 'weekdays' });
  });

  it('a setting given alone changes only it; the rest is kept', async () => {
    await run('/subscribe 07:30 Asia/Tokyo summary,week communities:OpenAI topics:+agents');
    const reply = await run('/subscribe language:de');
    expect(textOf(reply)).toMatch(/every day at 07:30 Asia\/Tokyo, sections: summary, week, communities: r\/OpenAI, topics: \+agents, language: de\./);
    const reset = await run('/subscribe communities:all topics:none language:default days:daily');
    expect(textOf(reset)).toMatch(/every day at 07:30 Asia\/Tokyo, sections: summary, week\./);
    const stored = await h.store.subscriptions.get('discord:C1');
    expect(stored).not.toHaveProperty('communities');
    expect(stored).not.toHaveProperty('language');
  });

  it('lists split by Slack at spaces are joined; a word after them is not taken into them', async () => {
    const reply = await run('/subscribe communities:OpenAI, LocalLLaMA topics:+agents -crypto');
    expect(textOf(reply)).toMatch(/communities: r\/OpenAI, r\/LocalLLaMA, topics: \+agents -crypto/);
    const zone = await run('/subscribe communities:OpenAI Europe/Berlin');
    expect(textOf(zone)).toMatch(/08:00 Europe\/Berlin, sections: summary, communities: r\/OpenAI/);
  });

  it('Discord named options mean the same', async () => {
    const reply = await runParsed(subscribeCommand, { communities: 'MachineLearning', days: 'weekly:mon', topics: '+rag' }, h.context({ services: services() }));
    expect(textOf(reply)).toMatch(/every mon \(a week digest\) at 08:00 UTC, sections: summary, communities: r\/MachineLearning, topics: \+rag, days: weekly:mon/);
  });

  it.each([
    ['communities:NoSuchSubXyz', /r\/NoSuchSubXyz is not a public community \(not found\)/],
    ['communities:privatething', /r\/privatething is not a public community \(private\)/],
    ['communities:a!b', /"a!b" is not a community name/],
    ['topics:+', /"\+" is not a topic word/],
    ['topics:+agents,-agents', /"agents" is both kept and left out/],
    ['topics:+a,+b,+c,+d,+e,+f,+g,+h,+i,+j,+k', /At most 10 topic words \(got 11\)/],
    ['language:klingon-xx-1', /"klingon-xx-1" is not a language tag: use a BCP-47 tag such as pt-BR/],
    ['language:zz', /"zz" is not a language tag/],
    ['days:someday', /"someday" is not a day\. Use daily, weekdays, a list of days such as mon,wed,fri, or weekly:mon/],
    ['days:weekly:funday', /"funday" is not a day of the week/],
    ['colour:blue', /Unknown setting "colour": use communities:…, topics:…, language:…, days:…/],
    ['days:mon days:tue', /Give days once/],
  ])('refuses %s privately, naming the value, storing nothing', async (words, message) => {
    const reply = await run(`/subscribe 08:00 ${words}`);
    expect(errorText(reply)).toMatch(message);
    expect(await h.store.subscriptions.get('discord:C1')).toBeUndefined();
  });

  it('a refused value leaves the earlier setting as it was', async () => {
    await run('/subscribe 09:00 communities:OpenAI');
    const before = await h.store.subscriptions.get('discord:C1');
    errorText(await run('/subscribe language:nope-nope-nope'));
    expect(await h.store.subscriptions.get('discord:C1')).toEqual(before);
  });

  it('caps the union of communities over every subscription, with a clear refusal', async () => {
    // 4 configured + LocalLLM (another channel) = 5; the cap is 6 in these services.
    await run('/subscribe communities:LocalLLM', { channelId: 'C2' });
    const extra = services();
    extra.checkCommunity = async (name: string) => ({ ok: true as const, name });
    const reply = await runCommandLine('/subscribe communities:AlphaSub,BetaSub', h.context({ services: extra }));
    expect(errorText(reply)).toMatch(/at most 6 communities a day \(MAX_COMMUNITIES\) and the subscriptions already want 5: r\/AlphaSub, r\/BetaSub would pass it/);
    expect(await h.store.subscriptions.get('discord:C1')).toBeUndefined();
  });

  it('/subscriptions shows every setting', async () => {
    await run('/subscribe 08:00 communities:OpenAI topics:+agents language:pt-BR days:mon,wed,fri');
    expect(textOf(await run('/subscriptions'))).toMatch(/communities: r\/OpenAI, topics: \+agents, language: pt-BR, days: mon,wed,fri/);
  });
});

describe('the checks alone', () => {
  it('communities: configured by their spelling, r/ allowed, others checked once each', async () => {
    const result = await checkCommunities('r/openai, localllama', { configured, others: [], max: 25 });
    expect(result).toEqual({ ok: true, value: ['OpenAI', 'LocalLLaMA'] });
    const without = await checkCommunities('LocalLLM', { configured, others: [], max: 25 });
    expect(without).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be checked without the Reddit API/) });
  });

  it('topics: signs, case, no sign means keep', () => {
    expect(checkTopics('Agents RAG -Crypto')).toEqual({ ok: true, value: ['+agents', '+rag', '-crypto'] });
  });

  it('language: canonical BCP-47', () => {
    expect(checkLanguage('PT-br')).toEqual({ ok: true, value: 'pt-BR' });
    expect(checkLanguage('ja')).toEqual({ ok: true, value: 'ja' });
    expect(checkLanguage('')).toMatchObject({ ok: false });
  });

  it('days: every form', () => {
    expect(checkDays('weekdays')).toEqual({ ok: true, value: 'weekdays' });
    expect(checkDays('Friday,mon,WED')).toEqual({ ok: true, value: 'mon,wed,fri' });
    expect(checkDays('weekly:monday')).toEqual({ ok: true, value: 'weekly:mon' });
    expect(checkDays('daily')).toEqual({ ok: true, value: undefined });
    expect(checkDays('mon,tue,wed,thu,fri,sat,sun')).toEqual({ ok: true, value: undefined });
  });
});

describe('suggestions for communities (Discord autocomplete)', () => {
  it('completes the last name of the list and leaves out those already chosen', async () => {
    const { suggestValues } = await import('../../commands/suggest.js');
    const context = h.context({ services: services() });
    expect(await suggestValues({ suggest: 'communityList' }, 'LocalLLaMA, op', context)).toEqual(['LocalLLaMA,OpenAI']);
    expect(await suggestValues({ suggest: 'communityList' }, 'localllama,', context)).toEqual(['localllama,MachineLearning', 'localllama,OpenAI', 'localllama,singularity']);
  });
});
