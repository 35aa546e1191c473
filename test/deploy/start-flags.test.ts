import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';

// The memory flags tuned in test/bench/footprint.bench.ts (which reads them from `npm start`) must be the
// ones the container runs with too: the image's CMD is `npm start`'s command, word for word.
const repo = new URL('../../', import.meta.url);

describe('the start command', () => {
  it('is the same in package.json and in the Dockerfile, node flags included', () => {
    const start = (JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const runtime = parseDockerfile(readFileSync(new URL('Dockerfile', repo), 'utf8')).at(-1)!;
    const cmd = JSON.parse(runtime.instructions.find((i) => i.keyword === 'CMD')!.args) as string[];
    expect(cmd).toEqual(start.split(' '));
    expect(start).toMatch(/^node (--\S+ )*dist\/src\/bin\.js start$/);
  });
});
