import { afterEach, describe, expect, it } from 'vitest';
import { sendSigned, sendSlashCommand } from '../../fakes/slack/signing.js';
import { SECRET, startSlackHarness, type SlackHarness } from './harness.js';

// Requests to /slack/events that are validly signed but not what Slack sends (anyone holding the signing
// secret, or a proxy gone wrong, can send them): the real Bolt App over HTTP answers each at once, runs
// nothing, and goes on answering real commands. Bolt 5.1 alone threw on a `null` body in a promise
// nobody awaited: no answer, and an unhandled rejection that ends the process.

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const form = 'application/x-www-form-urlencoded';

/** A valid signed /trends is still acked and answered in the channel. */
async function stillAnswersTrends(harness: SlackHarness): Promise<void> {
  const acked = await sendSlashCommand(harness.url, SECRET, { text: 'week', teamId: harness.slack.teamId, responseUrl: harness.slack.responseUrl('r') });
  expect(acked.status).toBe(200);
  await harness.slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
}
const now = () => Math.floor(Date.now() / 1000);

describe('Slack over HTTP, hostile requests', () => {
  it('answers 400 to a signed body that is not a JSON object, and still runs /trends afterwards', async () => {
    h = await startSlackHarness();
    const bodies: Array<[string, string?]> = [
      ['null'],
      ['[]'],
      ['[{"type":"url_verification","challenge":"x"}]'],
      ['42'],
      ['"a string"'],
      ['true'],
      ['not json at all'],
      ['payload=null', form],
      ['payload=%5B1%2C2%5D', form],
      ['payload=%22text%22', form],
      ['payload=%7Bbroken', form],
    ];
    for (const [body, contentType] of bodies) {
      const answered = await sendSigned(h.url, SECRET, body, { contentType });
      expect(answered.status, `${contentType ?? 'json'}: ${body}`).toBe(400);
    }
    // Larger than Bolt's 4 MB limit: refused before the rest is read.
    expect((await sendSigned(h.url, SECRET, `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`)).status).toBe(413);
    await stillAnswersTrends(h);
  }, 20_000);

  it('answers interactive payloads and events of the wrong shape without running anything', async () => {
    h = await startSlackHarness();
    const shapes = [
      { type: 'block_actions' },
      { type: 'block_actions', actions: null },
      { type: 'view_submission', view: null },
      { type: 'shortcut', callback_id: 5 },
      { type: 'event_callback', event: null, team_id: h.slack.teamId, event_id: 'Ev1' },
      { type: 'event_callback', event: 'message', team_id: h.slack.teamId, event_id: 'Ev2' },
      { type: 'event_callback', event: { type: 'message', text: 42, thread_ts: 7, channel: {} }, team_id: h.slack.teamId, event_id: 'Ev3' },
      { command: '/trends', text: 42, team_id: h.slack.teamId, channel_id: 'C1', user_id: 'U1' },
    ];
    // Each is answered (Bolt: 500 for a shape it cannot read, 404 when no listener acks within 3 s, 200
    // for what our listeners ack and then drop), none unawaited: sendSigned gives up after 5 s.
    await Promise.all(
      shapes.flatMap((shape) => [
        sendSigned(h!.url, SECRET, JSON.stringify(shape)),
        sendSigned(h!.url, SECRET, new URLSearchParams({ payload: JSON.stringify(shape) }).toString(), { contentType: form }),
      ]),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    await stillAnswersTrends(h);
  }, 20_000);

  it('refuses a request dated more than five minutes ahead, as it refuses one more than five minutes old', async () => {
    h = await startSlackHarness();
    const command = { text: 'week', teamId: h.slack.teamId, responseUrl: h.slack.responseUrl('r') };
    expect((await sendSlashCommand(h.url, SECRET, command, { timestamp: now() + 10 * 60 })).status).toBe(401);
    expect((await sendSlashCommand(h.url, SECRET, command, { timestamp: now() - 10 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    // A clock a little ahead of Slack's is still fine.
    expect((await sendSlashCommand(h.url, SECRET, command, { timestamp: now() + 60 })).status).toBe(200);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
  }, 20_000);

  it("answers Slack's unsigned SSL check, refuses an unsigned body, and leaves other paths to Bolt", async () => {
    h = await startSlackHarness();
    const check = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': form }, body: 'ssl_check=1&token=x', signal: AbortSignal.timeout(5_000) });
    expect(check.status).toBe(200);
    const unsigned = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'null', signal: AbortSignal.timeout(5_000) });
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${h.url}/nowhere`, { signal: AbortSignal.timeout(5_000) })).status).toBe(404);
  });
});
