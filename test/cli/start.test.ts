import { describe, expect, it } from 'vitest';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `npm start` end to end: the real bin, no credentials, stdin a pipe (so not a terminal).

describe('ai-trends start (REDDIT_SOURCE=sample, as the test helper sets it without credentials)', () => {
  it('prints the morning post of the sample in the terminal format and exits 0 without reading stdin', async () => {
    const result = await runBin(['start'], { STORE_URL: tempStoreUrl() }, '/subscribe 07:30 Europe/Berlin\n/quit\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Reddit AI Trend Report - 2026-02-11\n=+\n\nToday's top 5\n-+\n\n1\. Hugging Face Is Teasing Something Anthropic Related\n/);
    expect(result.stdout).toMatch(/https:\/\/www\.reddit\.com\/comments\/1r0zn8o/);
    expect(result.stdout).not.toMatch(/Morning post for this channel|^> /m);
    expect(result.stderr).toMatch(/REDDIT_SOURCE=sample: using the bundled sample of 2026-02-11/);
  });

  it('--interactive reads commands from a pipe too, and /quit exits 0', async () => {
    const store = tempStoreUrl();
    const input = '/trends week\n/subscribe 07:30 Europe/Berlin\n/subscriptions\nwhat is new with Seedance?\n/quit\n';
    const result = await runBin(['start', '--interactive'], { STORE_URL: store }, input);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Weekly Popular Posts/);
    // The question is answered offline (no Claude key) from the report's posts, with their links.
    expect(result.stdout).toMatch(/Best match in the 2026-02-11 report: [^\n]*Seedance[\s\S]*more posts match, best first/);
    expect(result.stdout).toMatch(/Seedance[^\n]*\n?<https:\/\/www\.reddit\.com\/comments\/\w+>/);
    // The terminal cannot receive morning posts: /subscribe says where they go instead of storing one.
    expect(result.stdout).toMatch(/Morning posts go to a Discord or Slack channel: this terminal cannot receive them/);
    expect(result.stdout).not.toMatch(/Channel terminal \(this channel\): 07:30/);
    // Nothing was stored: a second run lists none.
    const again = await runBin(['start', '--interactive'], { STORE_URL: store }, '/subscriptions\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No morning posts here. Morning posts go to a Discord or Slack channel/);
  });

  it('rejects arguments it does not know', async () => {
    const result = await runBin(['start', 'now'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unexpected argument "now"\. Usage: ai-trends start \[--interactive\]/);
  });
});
