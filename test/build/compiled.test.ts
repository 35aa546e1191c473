import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What `npm install` builds and `bin` / `npm start` run: tsconfig.build.json compiled by the real tsc into a
// clean directory laid out like an install (package.json next to dist/), run by plain node, no tsx. And the
// `prepare` script's choice on a production install, where there is no compiler.

const repo = new URL('../../', import.meta.url).pathname;

function cleanEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
}

describe('the compiled program (npm run build)', () => {
  // A whole tsc build and a run, both CPU-bound: 15 s alone, 46 s beside two other test files on a loaded 2-core
  // machine (past the 30 s default).
  it('builds dist/ with the sample snapshot beside the code and runs `report --sample` with plain node', () => {
    // The sources as an install has them, built by the `prepare` script (what `npm install` and `npm run build` run).
    const install = mkdtempSync(join(tmpdir(), 'ai-trends-built-'));
    for (const part of ['src', 'commands', 'adapters', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(repo, part), join(install, part), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(install, 'node_modules'));
    execFileSync(process.execPath, [join(install, 'src/prepare.js')], { cwd: install, stdio: 'pipe' });
    // The chart's font is no TypeScript: the build copies it beside the compiled chart-png.js, which loads it.
    expect(existsSync(join(install, 'dist/src/render/fonts/DejaVuSans.ttf'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(install, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };

    const cwd = mkdtempSync(join(tmpdir(), 'ai-trends-cwd-'));
    const run = spawnSync(process.execPath, [join(install, pkg.bin['ai-trends']!), 'report', '--sample', '--format', 'json'], {
      cwd,
      env: { ...cleanEnv(), STORE_URL: `sqlite://${join(cwd, 'store.sqlite')}` },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/Error:|ERR_/);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { date: string; sections: { today: unknown[] } };
    expect(report.date).toBe('2026-02-11');
    expect(report.sections.today.length).toBeGreaterThan(0);
    expect(readFileSync(join(install, 'dist/src/bin.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // A production install has no dev dependencies: nothing compiled may import tsx or the test tree.
    const compiled = readdirSync(join(install, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(compiled.length).toBeGreaterThan(50);
    for (const file of compiled) expect(readFileSync(join(install, 'dist', file), 'utf8'), file).not.toMatch(/(from |import\()'(tsx|vitest)[/']|\/test\//);
  }, 120_000);
});

describe('prepare on an install without TypeScript (npm ci --omit=dev)', () => {
  function productionInstall(withDist: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'ai-trends-prod-'));
    mkdirSync(join(dir, 'src'));
    copyFileSync(join(repo, 'src/prepare.js'), join(dir, 'src/prepare.js'));
    copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
    if (withDist) cpSync(join(repo, 'src/bin-dev.js'), join(dir, 'dist/src/bin.js'), { recursive: true });
    return dir;
  }

  it('keeps a dist/ built before, and says so', () => {
    const dir = productionInstall(true);
    const run = spawnSync(process.execPath, [join(dir, 'src/prepare.js')], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/no TypeScript compiler.*using the dist\/ already built/);
    expect(readFileSync(join(dir, 'dist/src/bin.js'), 'utf8')).toBe(readFileSync(join(repo, 'src/bin-dev.js'), 'utf8'));
  });

  it('fails with what to do when there is neither a compiler nor a dist/', () => {
    const dir = productionInstall(false);
    const run = spawnSync(process.execPath, [join(dir, 'src/prepare.js')], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dist\/ is not built.*\n.*npm ci && npm run build/);
  });
});
