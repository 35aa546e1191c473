import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Numbers are written one way in every output (src/text/count.ts): a second formatter is where the
// outputs start to disagree ("1660" in one renderer, "1,660" in another, "1.660" on a German machine).

const repo = new URL('../../', import.meta.url).pathname;
/** Formatting, not reading: a lookahead that inserts separators every three digits counts; a pattern that reads "1,660" does not. */
const own = /toLocaleString\(|Intl\.NumberFormat|\(\?=\(\\d\{3\}\)\+/;

function files(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('numbers', () => {
  it('are formatted only by formatCount', () => {
    const elsewhere = ['src', 'commands', 'adapters'].flatMap(files).filter((file) => file !== 'src/text/count.ts' && own.test(readFileSync(join(repo, file), 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
