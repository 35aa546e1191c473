import { describe, expect, it } from 'vitest';
import { communitiesWanted, postedSections, subscriptionCommunities, subscriptionView, viewKey, viewMatcher, viewReportKey } from '../../src/report/view.js';

const post = (fields: { subreddit?: string; title?: string; flair?: string | null; selftext?: string }) => ({ subreddit: 'LocalLLaMA', title: '', flair: null, selftext: '', ...fields });

describe('views', () => {
  it('equal settings give one key, whatever their order and case; the default view is the day', () => {
    expect(viewKey({})).toBe('');
    expect(viewKey({ language: 'en' })).toBe('');
    expect(viewKey({ communities: ['LocalLLaMA', 'OpenAI'], topics: ['+rag'] })).toBe(viewKey({ communities: ['openai', 'localllama'], topics: ['+RAG'] }));
    expect(viewKey({ communities: ['OpenAI'] })).not.toBe(viewKey({ communities: ['OpenAI'], cadence: 'weekly' }));
    expect(viewReportKey('2026-02-11', '')).toBe('2026-02-11');
    expect(viewReportKey('2026-02-11', 'abc')).toBe('2026-02-11~abc');
  });

  it('topics: whole words, case-insensitive, on title, flair and body, with the entity aliases', () => {
    const keep = viewMatcher({ topics: ['+agents', '+claude', '-crypto'] });
    expect(keep(post({ title: 'Building AGENTS with tools' }))).toBe(true);
    expect(keep(post({ title: 'Agentsmith release' }))).toBe(false);
    expect(keep(post({ title: 'Nothing', flair: 'Agents' }))).toBe(true);
    expect(keep(post({ title: 'Nothing', selftext: 'we tried agents' }))).toBe(true);
    expect(keep(post({ title: 'Anthropic ships a thing' }))).toBe(true);
    expect(keep(post({ title: 'Opus is good' }))).toBe(true);
    expect(keep(post({ title: 'Agents that trade crypto' }))).toBe(false);
    expect(viewMatcher({ topics: ['-crypto'] })(post({ title: 'A plain post' }))).toBe(true);
  });

  it('communities: only the view\'s', () => {
    const only = viewMatcher({ communities: ['LocalLLaMA'] });
    expect(only(post({ subreddit: 'localllama' }))).toBe(true);
    expect(only(post({ subreddit: 'OpenAI' }))).toBe(false);
  });

  it('a subscription without the new fields is the default view and every configured community', () => {
    const old = { communities: undefined, topics: undefined, language: undefined, days: undefined };
    expect(viewKey(subscriptionView(old))).toBe('');
    expect(subscriptionCommunities(old, { reddit: { subreddits: ['A', 'B'] } })).toEqual(['A', 'B']);
    expect(subscriptionCommunities({ communities: ['C'] }, ['A', 'B'])).toEqual(['C']);
  });

  it('a weekly subscription posts the week digest', () => {
    expect(postedSections({ sections: ['summary'], days: 'weekly:mon' })).toEqual(['week', 'analysis']);
    expect(postedSections({ sections: ['summary', 'communities'], days: 'weekdays' })).toEqual(['summary', 'communities']);
  });

  it('the day collects the configured communities and those subscriptions name, capped', async () => {
    const subs = [{ value: { communities: ['LocalLLM', 'OpenAI'] } }, { value: { communities: ['localllm', 'Rag', 'Extra'] } }, { value: {} }];
    const store = { subscriptions: { async *pages() { yield subs; } } };
    expect(await communitiesWanted(['OpenAI', 'LocalLLaMA'], store, 25)).toEqual(['OpenAI', 'LocalLLaMA', 'LocalLLM', 'Rag', 'Extra']);
    expect(await communitiesWanted(['OpenAI', 'LocalLLaMA'], store, 3)).toEqual(['OpenAI', 'LocalLLaMA', 'LocalLLM']);
  });
});
