import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { captureMorning } from './capture.js';
import { discordPage } from './discord-page.js';
import { CHROMIUM, takeScreenshots } from './shoot.js';
import { slackPage } from './slack-page.js';

// `npm run screenshots` end to end: the sample day's morning post through the real discord.js and Bolt
// adapters to the fakes, drawn as each platform's page and photographed by Debian's chromium. Without
// /usr/bin/chromium the photographing test is skipped, saying so (CI has no chromium unless installed).

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** The texts of the Markdown links written without escapes or HTML-special characters (the rest is checked in markup.test.ts). */
const plainLinkTexts = (markdown: string) => [...markdown.matchAll(/\[([A-Za-z0-9 ,.!?'-]+)\]\(/g)].map((m) => m[1]!);

describe('the pictures of the morning post', () => {
  it('draw what each fake received: the Discord post with its chart and its thread, the Slack post with its chart block', async () => {
    const captured = await captureMorning();
    expect(captured.discord.post.content).toMatch(/^# Reddit AI Trend Report - 2026-02-11/);
    expect(captured.discord.post.images.map((i) => i.filename)).toEqual(['ai-trends-week.png']);
    const discord = discordPage(captured.discord);
    expect(discord).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    // Every plainly written linked title of the post is a link in the page (the post's own, not a list kept here).
    const postTitles = plainLinkTexts(captured.discord.post.content);
    expect(postTitles.length).toBeGreaterThan(2);
    for (const title of postTitles) expect(discord).toContain(`>${title}</a>`);
    expect(discord).toMatch(/<img class="image" src="data:image\/png;base64,[^"]{1000,}" alt="Line chart: /);
    // The post opens its thread; the summary fits one message, so the thread holds only what continues it, if anything.
    expect(captured.discord.thread).toBeDefined();
    const threadMessages = captured.discord.thread?.messages ?? [];
    for (const title of threadMessages.flatMap((m) => plainLinkTexts(m.content))) expect(discord).toContain(`>${title}</a>`);
    expect(discord).toContain(captured.discord.thread!.name);

    const slack = slackPage(captured.slack);
    expect(slack).toContain('<div class="header">Reddit AI Trend Report - 2026-02-11</div>');
    const slackTitles = [...JSON.stringify(captured.slack).matchAll(/\|([A-Za-z0-9 ,.!?'-]+)>/g)].map((m) => m[1]!);
    expect(slackTitles.length).toBeGreaterThan(2);
    for (const title of slackTitles) expect(slack).toContain(`>${title}</a>`);
    expect(slack).toContain('(&lt;15GB VRAM)</a>');
    expect(slack).toContain('data-chart="{&quot;type&quot;:&quot;line&quot;');
  }, 60_000);

  it.skipIf(!existsSync(CHROMIUM))(`photographs both pages with ${CHROMIUM}: about 800 px wide, dark Discord, white Slack, each under 400 KB`, async () => {
    const out = await mkdtemp(join(tmpdir(), 'ai-trends-shots-test-'));
    dirs.push(out);
    const shots = await takeScreenshots(out);
    expect(shots.map((s) => s.file)).toEqual([join(out, 'morning-post-discord.png'), join(out, 'morning-post-slack.png')]);
    const [discord, slack] = await Promise.all(shots.map((s) => loadImage(s.file)));
    for (const [shot, image] of [[shots[0]!, discord!], [shots[1]!, slack!]] as const) {
      expect(image.width).toBe(800);
      // The whole post, not a window of it: taller than the chart alone.
      expect(image.height).toBeGreaterThan(1000);
      expect(shot.bytes).toBeLessThan(400 * 1024);
    }
    expect(pixel(discord!, 790, 300)).toEqual([0x31, 0x33, 0x38]);
    expect(pixel(slack!, 790, 300)).toEqual([0xff, 0xff, 0xff]);
  }, 120_000);

  if (!existsSync(CHROMIUM)) it.skip(`(skipped: no chromium at ${CHROMIUM}; apt-get install chromium to take the pictures)`, () => {});
});

/** The color of one pixel, as [r, g, b]. */
function pixel(image: Awaited<ReturnType<typeof loadImage>>, x: number, y: number): number[] {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
}
