import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { freePort } from '../helpers/free-port.js';
import { parseDockerfile, runDockerfile, type StageResult } from './dockerfile.js';
import { packSqlite3Prebuild, type LocalPrebuild } from './sqlite3-prebuild.js';

// What the container image runs, built where no container runtime exists: the Dockerfile's own COPY and
// RUN steps (read from the file, so this test follows it) in a clean temporary directory: the build stage's
// full install and `npm run build`, then `npm ci --omit=dev` (sqlite3 compiled from source when no
// prebuilt binary can be fetched), then the runtime stage's copies; then its CMD runs against the fake
// Discord and Slack, and its HEALTHCHECK command is tried. npm uses its local cache first (CI's cache
// holds the tree after .ci/run's `npm ci`; otherwise the registry). sqlite3's install script finds the
// addon the project's own install compiled, as a local prebuild (./sqlite3-prebuild.ts), instead of
// compiling it a second time: that took 6 of this test's 7 to 8 minutes on a busy 2-core machine.

const repo = new URL('../../', import.meta.url).pathname;
const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const systemStep = (command: string) => /^apt-get /.test(command) || /^(mkdir|chown)\b[^&]*\s\/\S*( && (mkdir|chown)\b[^&]*\s\/\S*)*$/.test(command);

let built: StageResult[];
let prebuild: LocalPrebuild;
let runtime: { dir: string; env: Record<string, string>; volume: string; cmd: string[]; healthcheck: string };

beforeAll(async () => {
  const into = mkdtempSync(join(tmpdir(), 'ai-trends-image-'));
  // A clean environment: no npm_config_* or node_modules/.bin inherited from the `npm test` that runs us.
  const PATH = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules')).join(delimiter);
  prebuild = packSqlite3Prebuild(repo, join(into, 'prebuilds'));
  const baseEnv = { PATH, HOME: process.env.HOME ?? '', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', ...prebuild.env };
  built = await runDockerfile(stages, { context: repo, into, baseEnv, isSystemStep: systemStep, log: (line) => console.info(`image: ${line}`) });
  const last = built.at(-1)!;
  const volume = join(into, 'volume');
  mkdirSync(volume);
  const declared = last.final.find((i) => i.keyword === 'VOLUME')!.args;
  // The image's ENV with the volume's path pointing at a temporary directory, and a free health port.
  const env = Object.fromEntries(Object.entries(last.env).map(([k, v]) => [k, v.replaceAll(declared, volume)]));
  const cmd = JSON.parse(last.final.find((i) => i.keyword === 'CMD')!.args) as string[];
  const healthcheck = /\bCMD (.*)$/.exec(last.final.find((i) => i.keyword === 'HEALTHCHECK')!.args)![1]!;
  // No Reddit credentials: the bundled sample, never the public feeds (tests stay offline).
  runtime = { dir: join(last.root, last.workdir), env: { ...env, PATH, HOME: baseEnv.HOME, HEALTH_PORT: String(await freePort()), REDDIT_SOURCE: 'sample' }, volume, cmd, healthcheck };
}, 1_200_000);

describe('the Dockerfile', () => {
  it('is two stages on node:20-slim; the runtime one runs as a non-root user with its store on a volume', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:20-slim');
    const last = built.at(-1)!;
    expect(last.final.find((i) => i.keyword === 'USER')?.args).toMatch(/^(?!root$|0$)\w+$/);
    expect(last.final.find((i) => i.keyword === 'VOLUME')?.args).toBe('/data');
    expect(last.env.STORE_URL).toBe('sqlite:///data/ai-trends.sqlite');
    // The bot listens on 127.0.0.1 by default; the image chooses every interface, for its mapped port.
    expect(last.env.HEALTH_HOST).toBe('0.0.0.0');
    expect(runtime.healthcheck).toMatch(/fetch\('http:\/\/127\.0\.0\.1:' \+ process\.env\.HEALTH_PORT \+ '\/healthz'\)/);
    // Only operating-system set-up was left out here (packages, the volume's directory): every npm step ran.
    expect(built.flatMap((s) => s.skipped)).toEqual([expect.stringMatching(/^apt-get update && apt-get install .*python3 make g\+\+/), 'mkdir -p /data && chown node:node /data']);
    expect(stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toHaveLength(1);
  });

  it('leaves in the runtime stage the compiled program and production dependencies only', () => {
    expect(readdirSync(runtime.dir).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(existsSync(join(runtime.dir, 'dist/src/bin.js'))).toBe(true);
    expect(existsSync(join(runtime.dir, 'dist/src/sample/reddit-2026-02-11.json'))).toBe(true);
    for (const dev of ['typescript', 'tsx', 'vitest', 'fast-check']) expect(existsSync(join(runtime.dir, 'node_modules', dev)), dev).toBe(false);
    for (const prod of ['sqlite3', 'discord.js', '@slack/bolt', 'pino']) expect(existsSync(join(runtime.dir, 'node_modules', prod)), prod).toBe(true);
    // sqlite3's install script ran in `npm ci --omit=dev` and took the local prebuild (the project's addon).
    expect(readFileSync(join(runtime.dir, 'node_modules/sqlite3/build/Release/node_sqlite3.node')).equals(readFileSync(prebuild.addon))).toBe(true);
  });

  it('runs `report --sample` from the image, its SQLite file on the volume', () => {
    const run = spawnSync(runtime.cmd[0]!, [...runtime.cmd.slice(1, -1), 'report', '--sample'], { cwd: runtime.dir, env: runtime.env, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
    expect(existsSync(join(runtime.volume, 'ai-trends.sqlite'))).toBe(true);
  });

  it('starts with its CMD on Discord and Slack (the fakes), answers /trends on both, and stops on SIGTERM', async () => {
    const discord = await startFakeDiscord();
    const slack = await startFakeSlack();
    const port = await freePort();
    const bot = spawn(runtime.cmd[0]!, runtime.cmd.slice(1), {
      cwd: runtime.dir,
      env: {
        ...runtime.env,
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_BASE: discord.apiBase,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'signing-secret-123',
        SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.on('close', resolve));
    try {
      for (let i = 0; i < 600 && !(/discord: connected/.test(stderr) && /slack: connected/.test(stderr)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(/discord: connected/);
      expect(stderr).toMatch(/slack: connected/);

      discord.slashCommand({ name: 'trends' });
      await discord.waitFor((c) => /\/messages\/\d+\/threads$/.test(c.path), 20_000);
      const acked = await sendSlashCommand(`http://127.0.0.1:${port}`, 'signing-secret-123', { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
      expect(acked.status).toBe(200);
      const post = await slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
      expect(JSON.stringify(post.args.blocks)).toMatch(/Weekly Popular Posts/);

      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      bot.kill('SIGKILL');
      await discord.close();
      await slack.close();
    }
  }, 60_000);

  it('has a HEALTHCHECK that passes on 200 from /healthz and fails on 503 or when nothing answers', async () => {
    // Asynchronously: the server answering it lives in this process.
    const check = () =>
      new Promise<number | null>((resolve) => spawn('/bin/sh', ['-c', runtime.healthcheck], { cwd: runtime.dir, env: runtime.env, timeout: 10_000 }).on('close', resolve));
    expect(await check()).toBe(1);
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(Number(runtime.env.HEALTH_PORT), '127.0.0.1', resolve));
    try {
      expect(await check()).toBe(0);
      status = 503;
      expect(await check()).toBe(1);
      expect(paths).toEqual(['/healthz', '/healthz']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
