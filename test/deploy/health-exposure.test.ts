import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseDockerfile, parseEnv } from './dockerfile.js';

// /healthz and /metrics stay on this machine unless exposing them is chosen: the bot's default is
// 127.0.0.1, and the container set-ups choose 0.0.0.0 themselves, so their health checks and published
// ports keep working.
const repo = new URL('../../', import.meta.url);

describe('where the health server listens', () => {
  it('is 127.0.0.1 by default, and 0.0.0.0 in the image and in compose.yaml, set explicitly', () => {
    expect(loadConfig({ HEALTH_PORT: '8080' }, '0').health.host).toBe('127.0.0.1');
    const runtime = parseDockerfile(readFileSync(new URL('Dockerfile', repo), 'utf8')).at(-1)!;
    const env = Object.assign({}, ...runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => parseEnv(i.args))) as Record<string, string>;
    expect(env).toMatchObject({ HEALTH_PORT: '8080', HEALTH_HOST: '0.0.0.0' });
    const compose = readFileSync(new URL('compose.yaml', repo), 'utf8');
    const bot = /^ {2}bot:\n([\s\S]*?)^ {2}\S/m.exec(compose)![1]!;
    expect(bot).toMatch(/^ {6}HEALTH_HOST: "0\.0\.0\.0"$/m);
    // Published on the host's loopback only: reaching it from elsewhere is a further, explicit choice.
    expect(bot).toMatch(/^ {6}- "127\.0\.0\.1:8080:8080"$/m);
  });
});
