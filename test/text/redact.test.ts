import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/text/redact.js';

describe('redactUrl', () => {
  it('takes out user:pass@ and the usual secret query parameters', () => {
    expect(redactUrl('https://bob:hunter2@example.com/x?token=abc&limit=5')).toBe('https://[redacted]@example.com/x?token=[redacted]&limit=5');
    expect(redactUrl('https://example.com/x?access_token=a&api_key=b&sig=c')).toBe('https://example.com/x?access_token=[redacted]&api_key=[redacted]&sig=[redacted]');
  });

  it("takes out the private feed token of Reddit's public feeds, and keeps the user name beside it readable", () => {
    const url = 'https://www.reddit.com/r/LocalLLaMA+singularity/top/.rss?t=day&limit=100&feed=0123456789abcdef0123456789abcdef&user=someone';
    const redacted = redactUrl(url);
    expect(redacted).toBe('https://www.reddit.com/r/LocalLLaMA+singularity/top/.rss?t=day&limit=100&feed=[redacted]&user=someone');
    expect(redacted).not.toContain('0123456789abcdef');
    expect(redactUrl('http://127.0.0.1:9/r/x/comments/abc/.rss?FEED=secret-token')).not.toContain('secret-token');
  });

  it('still takes out credentials before a host in text that is not a URL', () => {
    expect(redactUrl('see //me:pw@host/path')).toBe('see //[redacted]@host/path');
  });
});
