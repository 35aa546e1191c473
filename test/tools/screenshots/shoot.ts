import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { captureMorning } from './capture.js';
import { discordPage } from './discord-page.js';
import { PAGE_WIDTH } from './page.js';
import { slackPage } from './slack-page.js';

// `npm run screenshots`: the README's pictures of a real morning post. The sample day's post goes
// through the real discord.js and Bolt adapters to the fakes (capture.ts); what each fake received is
// drawn as the platform's page and photographed by Debian's chromium, driven by puppeteer-core.

/** Debian's chromium (apt-get install chromium); puppeteer-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the README's pictures live. */
export const IMAGES_DIR = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

export interface Shot {
  file: string;
  bytes: number;
}

/** Captures the morning post, renders both pages and writes morning-post-discord.png and morning-post-slack.png into `outDir`. */
export async function takeScreenshots(outDir: string, chromium = CHROMIUM): Promise<Shot[]> {
  if (!existsSync(chromium)) throw new Error(`No chromium at ${chromium}: install Debian's (apt-get install chromium).`);
  const captured = await captureMorning();
  const pages = [
    { name: 'morning-post-discord.png', html: discordPage(captured.discord) },
    { name: 'morning-post-slack.png', html: slackPage(captured.slack) },
  ];
  await mkdir(outDir, { recursive: true });
  // The pages load Twemoji and Chart.js from node_modules, so they are opened as files.
  const work = await mkdtemp(join(tmpdir(), 'ai-trends-shots-'));
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--allow-file-access-from-files', '--font-render-hinting=none'] });
  try {
    const shots: Shot[] = [];
    for (const { name, html } of pages) {
      const htmlFile = join(work, name.replace(/\.png$/, '.html'));
      await writeFile(htmlFile, html);
      const page = await browser.newPage();
      await page.setViewport({ width: PAGE_WIDTH, height: 600, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      if (html.includes('data-chart=')) await page.waitForFunction('window.chartsDrawn === true', { timeout: 10_000 });
      // Every image (the charts, the emoji) drawn before the picture is taken.
      await page.waitForFunction('[...document.images].every((i) => i.complete && i.naturalWidth > 0)', { timeout: 10_000 });
      await page.evaluate('document.fonts.ready');
      const file = join(outDir, name);
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
      await page.close();
      shots.push({ file, bytes: (await stat(file)).size });
    }
    return shots;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  takeScreenshots(process.argv[2] ?? IMAGES_DIR).then(
    (shots) => shots.forEach((s) => console.log(`${s.file}  ${(s.bytes / 1024).toFixed(0)} KB`)),
    (error: Error) => {
      console.error(`npm run screenshots: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
