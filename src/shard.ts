// One Discord shard's process. With DISCORD_SHARDS, `ai-trends start` runs discord.js's ShardingManager,
// which forks this file once per shard with SHARDS and SHARD_COUNT in the environment (the discord.js
// Client reads them itself) and the rest of the manager's environment (its .env included).
import { runCli } from './cli.js';
import { findProjectDir } from './project-dir.js';

/**
 * Resolves on the first SIGINT or SIGTERM, or when the manager's IPC channel closes (the manager was
 * killed). Later signals are ignored, so Ctrl-C (which reaches every process of the terminal) followed
 * by the manager's SIGTERM still gives the shard its graceful stop.
 */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve('SIGINT'));
    process.on('SIGTERM', () => resolve('SIGTERM'));
    process.on('disconnect', () => resolve('manager gone'));
  });
}

// discord.js reports the shard's state to the manager over IPC; once the manager is gone, that send
// fails with an 'error' event on process, which must not crash the graceful stop.
process.on('error', () => undefined);

process.exitCode = await runCli(['discord-shard'], { stdout: process.stdout, stderr: process.stderr, env: process.env, stopSignal, projectDir: findProjectDir(process.cwd()) });
// As in bin.js: a request still open must not keep the process alive past its stop.
setTimeout(() => process.exit(), 1_000).unref();
