import { describe, expect, it } from 'vitest';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends report --communities … --topics … --language …`: the terminal previews a view of the day.

describe('ai-trends report: a view', () => {
  it('--communities and --topics: only those communities\' posts, with the words', async () => {
    const result = await runBin(['report', '--sample', '--format', 'json', '--communities', 'LocalLLaMA,r/localllm', '--topics', '+qwen,+model,-meme'], { STORE_URL: tempStoreUrl() });
    expect(result.stderr).not.toMatch(/usage|error:/i);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.view).toEqual({ communities: ['LocalLLaMA', 'LocalLLM'], topics: ['+qwen', '+model', '-meme'], language: null });
    const posts = [...report.sections.today, ...report.sections.week, ...report.sections.month];
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(['LocalLLaMA', 'LocalLLM']).toContain(post.subreddit);
      expect(post.title).toMatch(/\b(qwen|model)\b/i);
    }
    expect(report.sections.communities.map((c: { subreddit: string }) => c.subreddit).every((c: string) => ['LocalLLaMA', 'LocalLLM'].includes(c))).toBe(true);
  });

  it('--language with the offline analyst: English, said once', async () => {
    const result = await runBin(['report', '--sample', '--language', 'pt-BR'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/The automatic summary is in English \(pt-BR needs a model/g)).toHaveLength(1);
  });

  it.each([
    [['--communities', 'NoSuchSub'], /--communities: r\/NoSuchSub is not one of the configured communities .*cannot be checked without the Reddit API/],
    [['--topics', '+agents,-agents'], /--topics: "agents" is both kept and left out/],
    [['--language', 'xx-nope-zz'], /--language: "xx-nope-zz" is not a language tag/],
  ])('refuses %j naming the value', async (args, message) => {
    const result = await runBin(['report', '--sample', ...args], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
