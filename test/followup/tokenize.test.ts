import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/followup/tokenize.js';

describe('tokenize: Chinese, Japanese and Korean', () => {
  it('splits CJK runs into character pairs and keeps the Latin words between them', () => {
    expect(tokenize('人们对Seedance说了什么？')).toEqual(['人们', '们对', 'seedance', '说了', '了什', '什么']);
    expect(tokenize('ローカルLLMの話')).toEqual(['ロー', 'ーカ', 'カル', 'llm', 'の話']);
    expect(tokenize('한국어 모델')).toEqual(['한국', '국어', '모델']);
  });
});

describe('offline answers to questions in Chinese, Japanese and Korean', () => {
  it('find the posts they ask about', async () => {
    const { FollowUps } = await import('../../src/followup/index.js');
    const { buildReport } = await import('../../src/report/build.js');
    const { loadSample } = await import('../../src/sample/sample.js');
    const { defaultLimits, ask, bindTo, tempStore } = await import('./helpers.js');
    const sample = loadSample();
    const posts = sample.posts.map((p, i) => (i === 3 ? { ...p, title: '本地大模型推理速度提升三倍' } : i === 4 ? { ...p, title: 'ローカルLLMの新しい量子化' } : i === 5 ? { ...p, title: '한국어 오픈소스 모델 공개' } : p));
    const report = buildReport(posts, sample.now);
    const store = await tempStore();
    await store.reports.set(report.date, report);
    const followUps = new FollowUps({ store, limits: defaultLimits, clock: () => new Date('2026-02-11T09:00:00Z') });
    await followUps.bindThread(bindTo(report.date));
    const urls = async (question: string) => JSON.stringify((await followUps.answer(ask(question))).reply);
    expect(await urls('人们对Seedance说了什么？')).toMatch(/Seedance/);
    expect(await urls('大模型推理速度怎么样？')).toContain(posts[3]!.id);
    expect(await urls('量子化について')).toContain(posts[4]!.id);
    expect(await urls('오픈소스 모델')).toContain(posts[5]!.id);
    await store.close();
  });
});
