import { CredentialsRefusedError, describe, RedditError } from './errors.js';
import { readBody, redirectError } from './response.js';

// App-only OAuth ("client_credentials"). Reddit gives no refresh token: a new token is fetched before
// `expires_in` runs out, and once more when the API answers 401 (the token was revoked early). Credentials
// the token endpoint refuses are refused for the life of the process: no token is asked for again (the
// requests of one collection that were already on their way get the same refusal), since only a restart
// brings new credentials.

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

interface IssuedToken {
  value: string;
  expiresAtMs: number;
}

/** Renew this long before Reddit's expiry, so a request never leaves with a token about to die. */
const RENEW_MARGIN_MS = 60_000;

export class AppOnlyToken {
  private current?: IssuedToken;
  private pending?: Promise<IssuedToken>;
  private refused?: CredentialsRefusedError;

  constructor(
    private readonly authBase: string,
    private readonly credentials: AppCredentials,
    private readonly userAgent: string,
    private readonly timeoutMs: number,
    private readonly clock: () => number,
    /** REDDIT_MAX_RESPONSE_BYTES, as for the API: a token answer is a few hundred bytes. */
    private readonly maxResponseBytes: number,
  ) {}

  /** A valid bearer token, fetching one when there is none or it is about to expire. */
  async get(): Promise<string> {
    if (this.current && this.clock() < this.current.expiresAtMs - RENEW_MARGIN_MS) return this.current.value;
    return (await this.renew()).value;
  }

  /** Drops `rejected` (if it is still the current token) and fetches a new one; concurrent callers share one request. */
  async renewAfterRejection(rejected: string): Promise<string> {
    if (this.current && this.current.value !== rejected) return this.current.value;
    this.current = undefined;
    return (await this.renew()).value;
  }

  /** Forgets `rejected` (if it is still the current token) without fetching a new one now. */
  discard(rejected: string): void {
    if (this.current?.value === rejected) this.current = undefined;
  }

  private renew(): Promise<IssuedToken> {
    if (this.refused) return Promise.reject(this.refused);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<IssuedToken> {
    const url = `${this.authBase}/api/v1/access_token`;
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'User-Agent': this.userAgent,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new RedditError('network', url, `could not reach Reddit's token endpoint: ${describe(error)}`);
    }
    const answerer = { name: "Reddit's token endpoint", base: this.authBase, setting: 'REDDIT_AUTH_BASE' } as const;
    // Not followed, like the API's: the credentials would go along to wherever it points.
    if (response.status >= 300 && response.status < 400) throw redirectError(response, url, answerer);
    if (response.status === 401 || response.status === 403) {
      const refusal = parseJson(await readBody(response, url, this.maxResponseBytes, answerer).catch(() => '')) as { error?: unknown } | undefined;
      this.refused = new CredentialsRefusedError(url, response.status, refusal?.error === 'invalid_client' ? 'invalid_client' : undefined);
      throw this.refused;
    }
    if (!response.ok) throw new RedditError('http', url, `Reddit's token endpoint answered ${response.status}`, response.status);
    const body = parseJson(await readBody(response, url, this.maxResponseBytes, answerer)) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || !body.access_token) {
      throw new RedditError('malformed', url, "Reddit's token endpoint answered without an access_token");
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    this.current = { value: body.access_token, expiresAtMs: this.clock() + expiresIn * 1000 };
    return this.current;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
