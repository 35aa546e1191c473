import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

// A real Redis for the tests that need one (claims and deliveries across processes): redis-server from
// Debian's packages, started on a free port of 127.0.0.1, no persistence. `.ci/run` installs it; on a
// developer machine without it those tests are skipped with a visible message, but under CI=true a
// missing Redis fails the run.

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export const redisAvailable = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

if (!redisAvailable) {
  if (process.env.CI === 'true') throw new Error('redis-server is not installed, and CI=true needs the Redis tests: .ci/run installs it (apt-get install redis-server)');
  console.warn('\n  ⚠ redis-server not found: the Redis tests are skipped (apt-get install redis-server to run them)\n');
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
