import { randomUUID } from 'node:crypto';
import { runConsole } from '../../adapters/console/console.js';
import { alertWatcherDeps, commandServices, morningPostDeps, startDiscordShards, startPlatforms, type App } from '../main.js';
import { startMorningPosts } from '../schedule/scheduler.js';
import { startAlertWatcher } from '../alerts/watcher.js';
import { serveHealth, type ServedHealth } from '../health/serve.js';
import { sampleNow } from '../sample/sample.js';
import { openWebSite, storeSampleDay } from '../web/open.js';
import { webRoutes } from '../web/site.js';
import { installCrashPolicy } from './crash-policy.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const startSpec = {
  name: 'start',
  summary: 'Run the bot: on Discord and Slack when configured, else as a chat in this terminal.',
  options: [
    { name: 'interactive', type: 'boolean', description: 'the terminal chat as well as the platforms (it also reads commands from a pipe)' },
    { name: 'sample', type: 'boolean', description: 'serve the bundled sample day (2026-02-11) instead of Reddit: no network, no keys' },
  ],
  notes: ['Stop with Ctrl-C (or SIGTERM): answers in progress get 6 seconds to finish.', 'In the terminal: /trends week, /help, any other line asks about the report, /quit leaves.'],
} as const satisfies CommandSpec;

/** How long a stop waits for answers in flight before cutting them with a note (exit well within 10 s). */
const STOP_GRACE_MS = 6_000;

/**
 * `npm start`: the bot where it is configured. Every chat platform whose credentials are set runs in
 * this process, on one store; with none (or with --interactive) the terminal is the chat: the morning
 * post, then commands and follow-up questions typed at the prompt. With no Reddit credentials it runs
 * on the bundled sample, so a new user sees the whole product at once.
 */
export async function startCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(startSpec, args);
  noPositionals(startSpec, positionals);

  // From here on the bot runs: an error in one request must not stop it (crash-policy.ts).
  const removeCrashPolicy = installCrashPolicy(context.log);
  try {
    return await runBot(values.interactive, values.sample, context);
  } finally {
    removeCrashPolicy();
  }
}

async function runBot(interactive: boolean, forceSample: boolean, context: CliContext): Promise<number> {
  // Counted only where /metrics is served (HEALTH_PORT, or the Slack HTTP server).
  const { app, sample } = await openLiveOrSample({ ...context, openApp: (options) => context.openApp({ ...options, observe: true }) }, forceSample);
  // The sample is one fixed day: every command runs at its `now`, so "today" is the sample's day.
  const clock = sample ? sampleNow : context.clock;
  // DISCORD_SHARDS: Discord runs in shard processes (each with its guilds' morning posts and alerts), the rest here.
  const sharded = app.config.discord?.shards !== undefined;
  let health: ServedHealth | undefined;
  try {
    // The web pages beside /healthz, on its server (WEB_ENABLED); the sample's day is stored for them first.
    const web = app.config.web.enabled ? webRoutes(openWebSite(app, { clock: context.clock })) : undefined;
    health = await serveHealth(app, context.log, { web });
    if (web && health) await storeSampleDay(app);
    const platforms = await startPlatforms(app, { clock, log: context.log, routes: health?.slackRoutes, ...(sharded ? { only: ['slack'] as const } : {}) });
    health?.watch(platforms);
    const shards = sharded ? await startDiscordShards(app, { log: context.log }).catch(async (error: unknown) => {
      await Promise.allSettled(platforms.map((platform) => platform.stop(0)));
      throw error;
    }) : undefined;
    // /healthz: Discord is the shard processes here (it is "connecting" until they all are).
    if (shards) health?.watch([{ name: 'discord', status: () => shards.status() }]);
    // The morning posts run on the wall clock, even on the sample (whose report stays its fixed day).
    const morningDeps = platforms.length > 0 ? morningPostDeps(app, platforms, { log: context.log, sampleNow: sample ? sampleNow() : undefined }) : undefined;
    const morning = morningDeps ? startMorningPosts(morningDeps, context.clock) : undefined;
    const alerts = morningDeps ? startAlertWatcher(alertWatcherDeps(app, morningDeps), context.clock) : undefined;
    // The shards stop side by side with the rest (each drains its own answers), all within 10 s.
    const stop = async () => {
      await Promise.allSettled([
        shards?.stop(STOP_GRACE_MS),
        (async () => {
          await Promise.all([morning?.stop(STOP_GRACE_MS / 2), alerts?.stop(STOP_GRACE_MS / 2)]);
          await Promise.allSettled(platforms.map((platform) => platform.stop(STOP_GRACE_MS)));
        })(),
      ]);
    };
    if ((platforms.length > 0 || shards) && !interactive) {
      context.log.info({ platforms: [...platforms.map((p) => p.name), ...(shards ? [`discord (${shards.count} shards)`] : [])] }, 'running; stop with Ctrl-C or SIGTERM');
      const signal = await context.stopSignal();
      context.log.info({ signal }, 'stopping');
      await stop();
      return 0;
    }
    try {
      return await runTerminal(app, clock, interactive, context);
    } finally {
      await stop();
    }
  } finally {
    await health?.close();
    await app.close();
  }
}

function runTerminal(app: App, clock: () => Date, interactive: boolean, context: CliContext): Promise<number> {
  return runConsole({
    input: context.stdin,
    output: context.stdout,
    // A script or CI pipe gets the morning post and an exit; --interactive reads a pipe anyway.
    interactive: interactive || context.stdin.isTTY === true,
    clock,
    services: commandServices(app),
    answerer: app.followUps,
    width: terminalWidth(context.stdout),
    sessionId: randomUUID(),
  });
}

/** The terminal's width up to 100 columns (longer lines are hard to read), or 100 for a pipe. */
function terminalWidth(stream: NodeJS.WritableStream & { columns?: number }): number {
  return Math.max(40, Math.min(100, stream.columns ?? 100));
}
