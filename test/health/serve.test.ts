import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { healthServing } from '../../src/health/serve.js';

// Where /healthz and /metrics are served, from the environment: one server either way, or none.

const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-1234567' };
const slackSocket = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
const where = (env: Record<string, string>) => healthServing(loadConfig(env, '0.0.0-test'));

describe('healthServing', () => {
  it('uses the Slack HTTP server when HEALTH_PORT is unset or names PORT', () => {
    expect(where(slackHttp)).toEqual({ on: 'slack' });
    expect(where({ ...slackHttp, PORT: '8080', HEALTH_PORT: '8080' })).toEqual({ on: 'slack' });
  });

  it('runs its own server on HEALTH_PORT otherwise, on this machine only unless HEALTH_HOST says', () => {
    expect(where({ ...slackHttp, PORT: '8080', HEALTH_PORT: '9090' })).toEqual({ on: 'own', port: 9090, host: '127.0.0.1' });
    expect(where({ ...slackSocket, HEALTH_PORT: '3000' })).toEqual({ on: 'own', port: 3000, host: '127.0.0.1' });
    expect(where({ HEALTH_PORT: '9090', HEALTH_HOST: '0.0.0.0' })).toEqual({ on: 'own', port: 9090, host: '0.0.0.0' });
  });

  it('serves nothing without HEALTH_PORT and without Slack over HTTP', () => {
    expect(where({})).toBeUndefined();
    expect(where(slackSocket)).toBeUndefined();
  });

  it('names the variable for a wrong value', () => {
    expect(() => where({ HEALTH_PORT: '70000' })).toThrow(ConfigError);
    expect(() => where({ HEALTH_PORT: '70000' })).toThrow(/^HEALTH_PORT: /);
    expect(() => where({ HEALTH_HOST: 'http://example.com/' })).toThrow(/^HEALTH_HOST: an address to listen on/);
    // A token too short to be a secret, or with a space: named, and not repeated in the message.
    expect(() => where({ METRICS_TOKEN: 'short' })).toThrow(/^METRICS_TOKEN: a token of 16 to 512 printable characters/);
    expect(() => where({ METRICS_TOKEN: 'has a space in it somewhere' })).toThrow(/^METRICS_TOKEN: (?!.*space in it)/);
  });
});
