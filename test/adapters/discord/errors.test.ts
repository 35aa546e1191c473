import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { toChatError } from '../../../adapters/discord/errors.js';

// discord.js failures in the chat port's words: what the scheduler retries and what it pauses.

const apiError = (code: number, status: number) => new DiscordAPIError({ code, message: `error ${code}` }, code, status, 'POST', 'http://127.0.0.1/api/channels/1/messages', {});

describe('toChatError (Discord)', () => {
  it.each([
    [50013, 403, 'missing_permissions'],
    [50001, 403, 'missing_access'],
    [10003, 404, 'channel_not_found'],
    [0, 403, 'missing_permissions'],
    [0, 404, 'not_found'],
  ])('JSON code %i with HTTP %i is permanent: %s', (code, status, expected) => {
    const error = toChatError(apiError(code, status), 'Send Messages');
    expect(error).toMatchObject({ platform: 'discord', kind: 'permanent', code: expected });
  });

  it('names the permission the caller needed', () => {
    expect(toChatError(apiError(50013, 403), 'Create Public Threads').hint).toMatch(/Create Public Threads/);
  });

  it.each([
    ['a 429', apiError(0, 429), 'rate_limited'],
    ['a 500', apiError(0, 500), 'server_error'],
    ['a 502 without JSON', new HTTPError(502, 'Bad Gateway', 'POST', 'http://127.0.0.1/api', {}), 'server_error'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'network'],
    ['a timeout', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), 'network'],
  ])('%s is retryable (%s)', (_what, error, code) => {
    expect(toChatError(error)).toMatchObject({ kind: 'retryable', code });
  });
});
