import type Keyv from 'keyv';
import type { Subscription } from '../../src/store/records.js';

// Subscriptions in the layout the store had before issue 24: a record per subscription under
// `subscription:<key>` and one index record, `subscription-index:all`, holding every key. Written straight
// through keyv, so a test (the migration) or a bench (its "before" run on main) can lay down thousands at
// once: saving them one by one through that old index cost a rewrite of the whole index per save.

const CHUNK = 500;

export async function seedLegacySubscriptions(keyv: Keyv, subscriptions: readonly Subscription[]): Promise<void> {
  const keys = subscriptions.map((s) => `${s.target.platform}:${s.target.channelId}`);
  for (let i = 0; i < subscriptions.length; i += CHUNK) {
    await keyv.setMany(subscriptions.slice(i, i + CHUNK).map((value, j) => ({ key: `subscription:${keys[i + j]}`, value })));
  }
  await keyv.set('subscription-index:all', keys);
}
