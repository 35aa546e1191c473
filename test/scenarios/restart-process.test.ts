import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { ask, makeFollowUps, tempSqliteUrl, tempStore } from '../followup/helpers.js';

// The thread binding lives in the store, not in memory: a thread bound and used by one process is
// answered by another process on the same SQLite file, with the earlier turns.

const run = promisify(execFile);
const script = new URL('../followup/fixtures/bind-and-ask.ts', import.meta.url).pathname;
let fake: FakeAnthropic | undefined;
afterEach(async () => fake?.close());

describe('thread binding across processes', () => {
  it('a new process answers in a thread another process bound', async () => {
    const url = tempSqliteUrl();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, url], { cwd: new URL('../..', import.meta.url).pathname });
    expect(stdout).toBe('offline');

    const store = await tempStore(url);
    fake = await startFakeAnthropic();
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Still about Seedance.' }] });
    const answer = await makeFollowUps({ store, fake }).answer(ask('And what did the comments say?'));
    expect(answer.source).toBe('claude');
    const messages = fake.requests[0]!.body.messages;
    expect(messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[2].content.at(-1).text).toContain('And what did the comments say?');
    await store.close();
  });
});
