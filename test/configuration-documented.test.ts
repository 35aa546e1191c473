import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingNames } from '../src/config.js';

// Every setting the code reads is documented twice: a line in .env.example (what a new user copies) and a row
// of the README's "Configuration reference" table (one place to look them all up). A setting added to the
// schema, or read straight from the environment somewhere, without either fails here.

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Variables read as env.X, process.env.X or env['X'] anywhere in the program's sources. */
function readInSources(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['src', 'adapters', 'commands']) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const text = read(join(dir, file));
      for (const match of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)\b|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)) names.add((match[1] ?? match[2])!);
    }
  }
  return names;
}

/** The settings named in the first cell of the README's "Configuration reference" table rows. */
function inReadmeTable(): string[] {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Configuration reference\n');
  expect(start, 'README.md has a "## Configuration reference" section').toBeGreaterThan(-1);
  const section = readme.slice(start + 1).split(/\n## /)[0]!;
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

function inEnvExample(): string[] {
  return [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
}

describe('every setting is documented', () => {
  it('the schema knows every variable the sources read (no setting read around it)', () => {
    expect(settingNames.length).toBeGreaterThan(50);
    const unknown = [...readInSources()].filter((name) => !(settingNames as string[]).includes(name));
    expect(unknown).toEqual([]);
  });

  it('.env.example has a line for each setting, and none for a setting the code does not read', () => {
    const listed = inEnvExample();
    expect(settingNames.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !(settingNames as string[]).includes(name))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("the README's Configuration reference has a row for each setting, and none for another", () => {
    const rows = inReadmeTable();
    expect(settingNames.filter((name) => !rows.includes(name))).toEqual([]);
    expect(rows.filter((name) => !(settingNames as string[]).includes(name))).toEqual([]);
  });
});
