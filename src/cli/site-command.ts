import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './args.js';
import { openWebSite, storeSampleDay } from '../web/open.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { parseCommand, usageLine, type CommandSpec } from './spec.js';

export const siteSpec = {
  name: 'site',
  summary: 'Write the stored reports as static web pages and an Atom feed into a directory, for any static host.',
  args: 'DIR',
  options: [{ name: 'sample', type: 'boolean', description: 'the bundled sample day (2026-02-11): no network, no keys' }],
  notes: ['Writes index.html, reports.html, reports/YYYY-MM-DD.html, feed.xml, style.css, sort.js, favicon.svg and 404.html.', 'Search needs a server (ai-trends serve): the static pages leave its form out.'],
} as const satisfies CommandSpec;

/** File name of each page the export writes, by the path it answers. */
const fixed: Array<[string, string]> = [
  ['/', 'index.html'],
  ['/reports', 'reports.html'],
  ['/feed.xml', 'feed.xml'],
  ['/style.css', 'style.css'],
  ['/sort.js', 'sort.js'],
  ['/favicon.svg', 'favicon.svg'],
];

export async function siteCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(siteSpec, args);
  if (positionals.length !== 1) throw new UsageError(`${positionals.length === 0 ? 'the directory to write is missing' : `one directory only, not "${positionals[1]}"`}. Usage: ${usageLine(siteSpec)}`);
  const dir = resolve(positionals[0]!);
  const { app } = await openLiveOrSample(context, values.sample);
  try {
    await storeSampleDay(app);
    const site = openWebSite(app, { clock: context.clock, static: true });
    await mkdir(join(dir, 'reports'), { recursive: true });
    let files = 0;
    const write = async (path: string, file: string) => {
      const answer = await site.get(path);
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
      await writeFile(join(dir, file), answer.body);
      files++;
    };
    for (const [path, file] of fixed) await write(path, file);
    const days = await site.storedDays();
    for (const date of days) await write(`/reports/${date}`, join('reports', `${date}.html`));
    await writeFile(join(dir, '404.html'), site.notFound('There is no page here.').body);
    files++;
    context.stdout.write(`Wrote ${files} files (${days.length} ${days.length === 1 ? 'day' : 'days'}) to ${dir}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
