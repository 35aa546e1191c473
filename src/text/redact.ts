// URLs on their way to a log line or an error message: credentials in them (`user:pass@host`, a token in
// the query) must never be printed, whoever put them there.

// `feed` is the private feed token of Reddit's public feeds (reddit.com/prefs/feeds, `?feed=…&user=…`):
// a secret tied to the account. `user` next to it is a public name and stays readable.
const secretParams = /^(access_token|token|key|api_key|apikey|secret|client_secret|password|pass|sig|signature|auth|feed)$/i;

export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL we can parse: still take out anything shaped like credentials before a host.
    return value.replace(/\/\/[^/@\s]+@/g, '//[redacted]@');
  }
  if (url.username || url.password) {
    url.username = '[redacted]';
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) if (secretParams.test(key)) url.searchParams.set(key, '[redacted]');
  return url.toString().replace(/%5Bredacted%5D/g, '[redacted]');
}
