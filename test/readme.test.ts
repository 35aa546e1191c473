import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempStoreUrl } from './helpers/run-cli.js';

// The README is what a new user follows: its links and pictures must exist, the sections the program's own
// messages send people to must be there, and the "You should now see" block must be what `npm start` prints.

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const documents = ['README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md', 'docs/SECURITY.md'];

/** Text outside fenced code blocks (a link inside one is an example, not a link). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** Relative targets of Markdown links and images: `[text](target)` and `![alt](target)`, without #anchors. */
function relativeTargets(markdown: string): { target: string; anchor?: string }[] {
  const found: { target: string; anchor?: string }[] = [];
  for (const match of prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const link = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
    const [target, anchor] = link.split('#') as [string, string | undefined];
    found.push({ target, ...(anchor ? { anchor } : {}) });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(markdown: string): string[] {
  return [...prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]!.trim());
}

describe('README.md, CONTRIBUTING.md, ARCHITECTURE.md and docs/SECURITY.md', () => {
  it.each(documents)('%s: every relative link and image points at an existing file (and heading)', (document) => {
    const text = read(document);
    const targets = relativeTargets(text);
    if (document === 'README.md') expect(targets.map((t) => t.target)).toEqual(expect.arrayContaining(['docs/images/morning-post-discord.png', 'docs/images/morning-post-slack.png', 'CONTRIBUTING.md', 'docs/SECURITY.md']));
    const broken: string[] = [];
    for (const { target, anchor } of targets) {
      const file = target === '' ? document : join(dirname(document), target);
      if (!existsSync(join(root, file))) {
        broken.push(`${target}: no file ${file}`);
        continue;
      }
      if (anchor && file.endsWith('.md') && !headings(read(file)).map(slug).includes(anchor)) broken.push(`${target}#${anchor}: no such heading in ${file}`);
    }
    expect(broken).toEqual([]);
  });

  it('the README sections named by the program\'s messages and .env.example (README "Reddit", README, "Scaling") exist', () => {
    const titles = headings(read('README.md'));
    const named = new Set<string>();
    const sources = ['.env.example', 'compose.yaml'];
    for (const dir of ['src', 'adapters', 'commands']) {
      for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) if (file.endsWith('.ts')) sources.push(join(dir, file));
    }
    for (const file of sources) {
      for (const match of read(file).matchAll(/README[,:]? "([^"]+)"(?: or "([^"]+)")?/g)) {
        named.add(match[1]!);
        if (match[2]) named.add(match[2]);
      }
    }
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((name) => !titles.some((title) => title.includes(name)))).toEqual([]);
  });
});

/** The README's "You should now see" block: its lines, npm's own header lines set apart. */
function shouldSeeBlock(): { npmHeader: string[]; lines: string[] } {
  const readme = read('README.md');
  const at = readme.indexOf('**You should now see**');
  expect(at, 'README.md has a **You should now see** block').toBeGreaterThan(-1);
  const fence = /^```[a-z]*\n([\s\S]*?)^```/m.exec(readme.slice(at));
  expect(fence, 'a fenced block follows **You should now see**').not.toBeNull();
  const all = fence![1]!.replace(/\n$/, '').split('\n');
  const npmHeader = all.filter((line) => line.startsWith('> '));
  let rest = all.slice(npmHeader.length);
  if (npmHeader.length > 0 && rest[0] === '') rest = rest.slice(1);
  return { npmHeader, lines: rest };
}

describe('the README\'s "You should now see" block', () => {
  it("starts with npm's header for `npm start` (package.json's name, version and start script)", () => {
    const pkg = JSON.parse(read('package.json')) as { name: string; version: string; scripts: { start: string } };
    expect(shouldSeeBlock().npmHeader).toEqual([`> ${pkg.name}@${pkg.version} start`, `> ${pkg.scripts.start}`]);
  });

  it('is what `ai-trends start` prints with REDDIT_SOURCE=sample and stdin not a terminal (the notice on stderr, then the post)', async () => {
    const { lines } = shouldSeeBlock();
    // A last line "…" says the output goes on: the block is then its beginning.
    const partial = lines.at(-1) === '…';
    const expected = partial ? lines.slice(0, -1) : lines;
    expect(expected.length).toBeGreaterThan(5);

    const result = await runBin(['start'], { REDDIT_SOURCE: 'sample', STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    // Standard error holds one line (the sample notice), printed before the post, as a terminal shows them.
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    const printed = `${result.stderr}${result.stdout}`.replace(/\n$/, '').split('\n');
    if (partial) {
      expect(printed.length).toBeGreaterThan(expected.length);
      expect(printed.slice(0, expected.length)).toEqual(expected);
    } else {
      expect(printed).toEqual(expected);
    }
  });
});
