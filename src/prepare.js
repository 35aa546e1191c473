// `npm install` / `npm ci` run this (the `prepare` script), and so does `npm run build`: it compiles the program into dist/ so that `bin`
// and `npm start` run plain node. A production install (`npm ci --omit=dev`) has no TypeScript compiler:
// there dist/ must have been built before (the container image builds it in its first step), and is kept.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

let tsc;
try {
  tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  if (existsSync(join(root, 'dist', 'src', 'bin.js'))) {
    console.error('ai-trends: no TypeScript compiler here (a production install): using the dist/ already built.');
    process.exit(0);
  }
  console.error(
    'ai-trends: dist/ is not built and there is no TypeScript compiler (an install with --omit=dev).\n' +
      'Build it first with the dev dependencies (`npm ci && npm run build`), then install for production.',
  );
  process.exit(1);
}

// A fresh tree each time, so a source file removed since the last build leaves nothing behind in dist/.
rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// tsc copies no font: the chart's bundled one goes beside the compiled chart-png.js, which loads it from
// there (without it a machine with no fonts, such as the node:20-slim image, draws charts with no text).
if (result.status === 0) {
  cpSync(join(root, 'src/render/fonts'), join(root, 'dist/src/render/fonts'), { recursive: true });
  // When this build was made: the tests' global setup builds again only when a source is newer (so the
  // build an install just made is not made twice by the first `npm test`).
  writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
}
process.exit(result.status ?? 1);
