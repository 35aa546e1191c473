import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/receiver.js';

// The two Slack app manifests a new user pastes into api.slack.com: Socket Mode (manifest.json, with
// SLACK_APP_TOKEN) and HTTP (manifest-http.json, with SLACK_SIGNING_SECRET and a public https URL). The HTTP one
// used to be missing: the only manifest had Socket Mode on and no request URLs, so an app made from it never
// sent anything to a bot listening over HTTP.

const repo = new URL('../../../', import.meta.url);
type Manifest = {
  features: { app_home?: { messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean }; slash_commands: { command: string; url?: string }[] };
  settings: { socket_mode_enabled: boolean; event_subscriptions: { request_url?: string; bot_events: string[] } };
};
const load = (file: string) => JSON.parse(readFileSync(new URL(`adapters/slack/${file}`, repo), 'utf8')) as Manifest;
const socket = load('manifest.json');
const http = load('manifest-http.json');

describe('the Slack app manifests', () => {
  it('Socket Mode: on, and no request URL (Slack ignores them there)', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.event_subscriptions.request_url).toBeUndefined();
    expect(socket.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('HTTP: Socket Mode off, the events and the slash command sent to the path the bot serves', () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    const urls = [http.settings.event_subscriptions.request_url, ...http.features.slash_commands.map((c) => c.url)];
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
  });

  it('differ only there: the same commands, scopes and events', () => {
    const strip = (m: Manifest) => {
      const copy = structuredClone(m) as Manifest;
      delete copy.settings.event_subscriptions.request_url;
      for (const c of copy.features.slash_commands) delete c.url;
      copy.settings.socket_mode_enabled = true;
      return copy;
    };
    expect(strip(http)).toEqual(strip(socket));
  });

  it('direct messages reach the bot: message.im is subscribed and the Messages tab is on and writable', () => {
    for (const manifest of [socket, http]) {
      expect(manifest.settings.event_subscriptions.bot_events).toContain('message.im');
      expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    }
  });

  it("compose.yaml publishes Slack's HTTP port on the host's loopback, where a TLS proxy or tunnel reaches it", () => {
    const compose = readFileSync(new URL('compose.yaml', repo), 'utf8');
    const bot = /^ {2}bot:\n([\s\S]*?)^ {2}\S/m.exec(compose)![1]!;
    expect(bot).toMatch(/^ {6}PORT: "3000"$/m);
    expect(bot).toMatch(/^ {6}- "127\.0\.0\.1:3000:3000"$/m);
  });
});
