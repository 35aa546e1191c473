import { Status, type Client } from 'discord.js';
import type { PartStatus } from '../../src/health/checks.js';

// Whether the Discord bot is connected, for /healthz: the client logged in and ready, and every gateway
// shard of this process ready (a shard that lost its connection says "Reconnecting" or "Disconnected").

const FIX = 'discord.js reconnects by itself: if this lasts minutes, check the network path to Discord (DISCORD_API_BASE, proxies) and the log; a stopped client needs a restart';

export function discordStatus(client: Client): PartStatus {
  if (!client.isReady()) return { ok: false, detail: 'the Discord client is not logged in (stopped, or never got ready)', fix: FIX };
  const shards = [...client.ws.shards.values()];
  const notReady = shards.filter((shard) => shard.status !== Status.Ready);
  if (shards.length === 0 || notReady.length > 0) {
    const states = notReady.map((shard) => `shard ${shard.id}: ${Status[shard.status] ?? shard.status}`).join(', ');
    return { ok: false, detail: `the gateway connection is down (${states || 'no shard'})`, fix: FIX };
  }
  // The ping is -1 until the first heartbeat is acknowledged.
  const ping = client.ws.ping >= 0 ? `, gateway ping ${client.ws.ping} ms` : '';
  return { ok: true, detail: `connected to ${client.guilds.cache.size} server(s)${ping}` };
}
