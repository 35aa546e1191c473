import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Where a command finds its `.env` and its default store (./data): the ai-trends project it runs in,
// wherever inside it that is. `npx ai-trends` from a subdirectory used to read no .env (silently) and start
// a second, empty store beside it. Outside any project (an `npm link`ed command run elsewhere) it is the
// current directory, as before.

/** The nearest directory from `from` upwards whose package.json is this program's; undefined outside one. */
export function findProjectDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isProject(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isProject(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'ai-trends';
  } catch {
    // A package.json being edited, or not JSON: not ours to judge; look further up.
    return false;
  }
}
