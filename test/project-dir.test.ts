import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { checkNodeVersion, MINIMUM_NODE } from '../src/node-version.js';
import { findProjectDir } from '../src/project-dir.js';
import { tempDir } from './helpers/store.js';

// `npx ai-trends` from a subdirectory of the project read no .env (silently) and opened a second, empty
// store there. The project is now found from the current directory upwards.

function project(): { root: string; deep: string } {
  const root = tempDir('ai-trends-project-');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ai-trends', version: '0.0.0' }));
  const deep = join(root, 'src', 'render');
  mkdirSync(deep, { recursive: true });
  // A package.json of another name on the way up is not the project.
  writeFileSync(join(root, 'src', 'package.json'), JSON.stringify({ name: 'something-else' }));
  return { root, deep };
}

describe('findProjectDir', () => {
  it('finds the project from any of its directories, skipping package.json files of other names', () => {
    const { root, deep } = project();
    expect(findProjectDir(deep)).toBe(root);
    expect(findProjectDir(root)).toBe(root);
  });

  it('is undefined outside any project', () => {
    expect(findProjectDir(tempDir('ai-trends-elsewhere-'))).toBeUndefined();
  });
});

describe('a relative sqlite STORE_URL is in the project directory', () => {
  it.each([
    [{}, 'sqlite:///p/data/ai-trends.sqlite'],
    [{ STORE_URL: 'sqlite://./x/y.sqlite' }, 'sqlite:///p/x/y.sqlite'],
    [{ STORE_URL: 'sqlite://y.sqlite' }, 'sqlite:///p/y.sqlite'],
    [{ STORE_URL: 'sqlite:///abs/y.sqlite' }, 'sqlite:///abs/y.sqlite'],
    [{ STORE_URL: 'sqlite://:memory:' }, 'sqlite://:memory:'],
    [{ STORE_URL: 'redis://localhost:6379' }, 'redis://localhost:6379'],
  ])('%j → %s', (env, url) => {
    expect(loadConfig(env, '0.0.0', { baseDir: '/p' }).storeUrl).toBe(url);
  });

  it('outside a project it stays relative to the current directory, as before', () => {
    expect(loadConfig({}, '0.0.0').storeUrl).toBe('sqlite://./data/ai-trends.sqlite');
  });
});

describe('the bin run from a subdirectory of the project', () => {
  it("reads the project's .env and keeps its store in the project's data/, not beside the command", async () => {
    const { root, deep } = project();
    writeFileSync(join(root, '.env'), 'REDDIT_SOURCE=sample\n');
    const bin = new URL('../src/bin-dev.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'report'], { cwd: deep, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    // The .env's REDDIT_SOURCE=sample was read: no network was tried.
    expect(stderr).toMatch(/REDDIT_SOURCE=sample: using the bundled sample of 2026-02-11/);
    expect(stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
    expect(existsSync(join(root, 'data', 'ai-trends.sqlite'))).toBe(true);
    expect(existsSync(join(deep, 'data'))).toBe(false);
  }, 60_000);
});

describe('the minimum Node.js', () => {
  it('is what package.json declares, and npm is told to refuse older ones (engine-strict)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE}`);
    expect(readFileSync(new URL('../.npmrc', import.meta.url), 'utf8')).toMatch(/^engine-strict=true$/m);
  });

  it.each([
    ['20.12.2', true],
    ['18.19.0', true],
    ['20.18.0', true],
    ['20.18.1', false],
    ['20.20.2', false],
    ['22.0.0', false],
    ['24.1.0', false],
  ])('Node %s too old: %s', (running, tooOld) => {
    const line = checkNodeVersion(running);
    expect(line !== undefined).toBe(tooOld);
    if (line) expect(line).toBe(`ai-trends needs Node.js ${MINIMUM_NODE} or newer; this is ${running}. Install a current Node.js 20 or 22 LTS (https://nodejs.org, or nvm install 22), then run npm install again.`);
  });

  // No Node 20.11 here to run: the bin in a Node that says it is 20.11.1 and lacks process.loadEnvFile, as it does.
  it("the bin on an older Node says so in one line (exit 1) instead of crashing on 'process.loadEnvFile is not a function'", async () => {
    const dir = tempDir('ai-trends-old-node-');
    const preload = join(dir, 'old-node.cjs');
    writeFileSync(preload, "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } });\ndelete process.loadEnvFile;\n");
    const bin = new URL('../src/bin-dev.js', import.meta.url).pathname;
    const child = spawn(process.execPath, ['-r', preload, bin, 'status'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`ai-trends needs Node.js ${MINIMUM_NODE} or newer; this is 20.11.1. Install a current Node.js 20 or 22 LTS (https://nodejs.org, or nvm install 22), then run npm install again.\n`);
  }, 60_000);
});
