import { channelKey, type ChatTarget } from '../chat/target.js';
import type { Store } from '../store/store.js';
import { ALERT_INDEX, type AlertSetting } from './records.js';

// The channels with alerts on: one record per channel and a list of their keys (keyv cannot list).
// Two admins changing two channels at the same instant in two processes could lose one from the list;
// the setting itself is never lost, and turning it on again puts it back.

export async function alertSetting(store: Store, target: ChatTarget): Promise<AlertSetting | undefined> {
  const value = await store.alertSettings.get(channelKey(target));
  return value && !Array.isArray(value) ? value : undefined;
}

/** The keys (channelKey) of the channels with alerts on. */
export async function alertChannelKeys(store: Store): Promise<string[]> {
  const index = await store.alertSettings.get(ALERT_INDEX);
  return Array.isArray(index) ? index : [];
}

export async function alertChannels(store: Store): Promise<AlertSetting[]> {
  const keys = await alertChannelKeys(store);
  const values = await store.alertSettings.getMany(keys);
  return values.filter((v): v is AlertSetting => v !== undefined && !Array.isArray(v));
}

export async function setAlerts(store: Store, setting: AlertSetting): Promise<void> {
  const key = channelKey(setting.target);
  await store.alertSettings.set(key, setting);
  const keys = await alertChannelKeys(store);
  if (!keys.includes(key)) await store.alertSettings.set(ALERT_INDEX, [...keys, key]);
}

/** Turns a channel's alerts off; returns the setting it had. */
export async function removeAlerts(store: Store, target: ChatTarget): Promise<AlertSetting | undefined> {
  const key = channelKey(target);
  const before = await alertSetting(store, target);
  await store.alertSettings.delete(key);
  const keys = await alertChannelKeys(store);
  if (keys.includes(key)) await store.alertSettings.set(ALERT_INDEX, keys.filter((k) => k !== key));
  return before;
}

/** The zone a channel's quiet hours and alert times are read in: its morning post's, else UTC. */
export async function channelZone(store: Store, target: ChatTarget): Promise<string> {
  return (await store.subscriptions.get(channelKey(target)))?.timezone ?? 'UTC';
}
