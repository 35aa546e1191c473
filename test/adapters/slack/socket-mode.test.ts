import { describe, expect, it } from 'vitest';
import { startSlackHarness } from './harness.js';

// The whole flow once over Socket Mode: the app opens its connection through apps.connections.open,
// acks a /trends envelope, posts the answer, then answers a question in its thread.

describe('Slack over Socket Mode', () => {
  it('acks the /trends envelope, posts the report, and answers in its thread', async () => {
    const h = await startSlackHarness({ socketMode: true, retries: 0 });
    const { slack, store } = h;
    try {
      await slack.socketConnected();
      expect(slack.calls.some((c) => c.method === 'apps.connections.open' && c.token === 'xapp-test')).toBe(true);
      const ack = await slack.deliver('slash_commands', { command: '/trends', text: 'week', user_id: 'U0000USER', channel_id: 'C0000CHAN', team_id: slack.teamId, response_url: slack.responseUrl('s'), trigger_id: 't' });
      expect(ack.envelope_id).toBe('env-1');
      await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
      const parent = slack.messages('C0000CHAN')[0]!;
      for (let i = 0; i < 50 && !(await store.threads.get(`slack:C0000CHAN:${parent.ts}`)); i++) await new Promise((r) => setTimeout(r, 10));
      await slack.deliver('events_api', {
        type: 'event_callback', team_id: slack.teamId, event_id: 'EvSock',
        event: { type: 'message', channel: 'C0000CHAN', user: 'U0000USER', text: 'what about Seedance?', ts: '1770796999.000002', thread_ts: parent.ts },
      });
      for (let i = 0; i < 200 && !slack.messages('C0000CHAN').some((m) => m.thread_ts === parent.ts && m.blocks); i++) await new Promise((r) => setTimeout(r, 20));
      expect(JSON.stringify(slack.messages('C0000CHAN').find((m) => m.thread_ts === parent.ts)?.blocks)).toMatch(/Seedance/);
    } finally {
      await h.stop();
    }
  }, 20_000);
});
