// The fake gateway: a `ws` WebSocketServer on the REST server's port at /gateway, JSON encoding only.
// HELLO → IDENTIFY → READY (+ one GUILD_CREATE per guild); heartbeats (op 1 → op 11); RESUME (op 6) replays
// the events dispatched while the socket was away, then RESUMED. Sessions keep their sequence numbers.
// Sharding as Discord does it: IDENTIFY with `shard: [i, n]` makes a session shard i of n, which is sent
// only the guilds with (guild_id >> 22) % n === i, and only those guilds' events; DMs go to shard 0.
import { WebSocketServer, WebSocket } from 'ws';
import type { Server } from 'node:http';
import { randomToken } from './ids.js';

export interface IdentifyRecord {
  token: string; intents: number; properties: unknown; shard?: [number, number]; compress?: boolean;
  large_threshold?: number; presence?: unknown; at: number;
}

export interface GatewaySession {
  id: string; intents: number; identify: IdentifyRecord; seq: number;
  socket: WebSocket | null;
  /** Events dispatched while no socket was attached (replayed on RESUME). */
  missed: Array<{ t: string; s: number; d: unknown }>;
  /** The guilds READY announced (those of the session's shard). */
  guildIds: string[];
}

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  /** READY's d for a session (v, user, guilds, session_id, resume_gateway_url, application…). */
  readyPayload(session: GatewaySession): Record<string, unknown>;
  /** One GUILD_CREATE d per guild of the session's shard. */
  guildCreates(session: GatewaySession): Array<Record<string, unknown>>;
  onIdentify(rec: IdentifyRecord): void;
  onReadySent(session: GatewaySession): void;
  onFrame?(direction: 'in' | 'out', payload: unknown): void;
  /** A bot in this many shards' worth of guilds: an IDENTIFY with fewer shards is closed with 4011. */
  shardsRequired?: number;
}

/** The shard Discord sends a guild's events to: (guild_id >> 22) % shard count; events without a guild (DMs) go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) : 0;
}

/** A session's [shard id, shard count]; a session that identified without `shard` is the only shard. */
export function sessionShard(session: GatewaySession): [number, number] {
  return session.identify.shard ?? [0, 1];
}

/** Whether the session's shard receives the events of `guildId` (undefined: no guild, e.g. a DM). */
export function sessionOwns(session: GatewaySession, guildId: string | undefined): boolean {
  const [id, count] = sessionShard(session);
  return shardOf(guildId, count) === id;
}

/** The guild an event belongs to: the guild itself for GUILD_CREATE/UPDATE/DELETE, else its guild_id. */
function guildOfEvent(t: string, d: unknown): string | undefined {
  if (!d || typeof d !== 'object') return undefined;
  const fields = d as { id?: unknown; guild_id?: unknown };
  const id = t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE' ? fields.id : fields.guild_id;
  return typeof id === 'string' ? id : undefined;
}

const validShard = (shard: unknown): shard is [number, number] =>
  Array.isArray(shard) && shard.length === 2 && shard.every((n) => Number.isInteger(n)) && shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1];

export class FakeGateway {
  readonly wss: WebSocketServer;
  readonly sessions = new Map<string, GatewaySession>();
  /** Every frame the clients sent (op and d), for tests that want to look at heartbeats or presence. */
  readonly received: Array<{ op: number; d: unknown; at: number }> = [];
  private readonly sockets = new Set<WebSocket>();

  constructor(server: Server, private readonly hooks: GatewayHooks) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  private send(socket: WebSocket, payload: unknown) {
    if (socket.readyState !== WebSocket.OPEN) return;
    this.hooks.onFrame?.('out', payload);
    socket.send(JSON.stringify(payload));
  }

  private onConnection(socket: WebSocket) {
    this.sockets.add(socket);
    let session: GatewaySession | null = null;
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      if (session && session.socket === socket) {
        session.socket = null;
        // A client closing with 1000/1001 ends its session (discord.js destroy()); other codes may resume.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
    });
    socket.on('error', () => {});
    socket.on('message', (raw, isBinary) => {
      if (isBinary) { socket.close(4002, 'Decode error (JSON text frames only)'); return; }
      let payload: { op: number; d: any };
      try { payload = JSON.parse(String(raw)); } catch { socket.close(4002, 'Decode error'); return; }
      this.received.push({ op: payload.op, d: payload.d, at: Date.now() });
      this.hooks.onFrame?.('in', payload);
      switch (payload.op) {
        case 1: // heartbeat
          this.send(socket, { op: 11, d: null });
          break;
        case 2: { // identify
          if (session) { socket.close(4005, 'Already authenticated'); return; }
          const d = payload.d ?? {};
          if (d.token !== this.hooks.token) { socket.close(4004, 'Authentication failed'); return; }
          if (typeof d.intents !== 'number') { socket.close(4013, 'Invalid intent(s)'); return; }
          if (d.shard !== undefined && !validShard(d.shard)) { socket.close(4010, 'Invalid shard'); return; }
          if ((d.shard?.[1] ?? 1) < (this.hooks.shardsRequired ?? 1)) { socket.close(4011, 'Sharding required'); return; }
          const rec: IdentifyRecord = {
            token: d.token, intents: d.intents, properties: d.properties, shard: d.shard, compress: d.compress,
            large_threshold: d.large_threshold, presence: d.presence, at: Date.now(),
          };
          this.hooks.onIdentify(rec);
          session = { id: randomToken('sess_', 12), intents: d.intents, identify: rec, seq: 0, socket, missed: [], guildIds: [] };
          this.sessions.set(session.id, session);
          this.dispatchTo(session, 'READY', this.hooks.readyPayload(session));
          for (const g of this.hooks.guildCreates(session)) {
            session.guildIds.push(String(g['id']));
            this.dispatchTo(session, 'GUILD_CREATE', g);
          }
          this.hooks.onReadySent(session);
          break;
        }
        case 6: { // resume
          const d = payload.d ?? {};
          const known = this.sessions.get(d.session_id);
          if (!known || d.token !== this.hooks.token) { this.send(socket, { op: 9, d: false }); return; }
          if (known.socket && known.socket !== socket) known.socket.close(4000, 'Session resumed elsewhere');
          session = known;
          known.socket = socket;
          const replay = known.missed.filter((e) => e.s > Number(d.seq ?? 0));
          known.missed = [];
          for (const e of replay) this.send(socket, { op: 0, t: e.t, s: e.s, d: e.d });
          this.dispatchTo(known, 'RESUMED', null);
          break;
        }
        case 3: case 4: case 8: case 14: case 31: // presence, voice, request members…: accepted, ignored
          break;
        default:
          socket.close(4001, 'Unknown opcode');
      }
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs, _trace: ['fake-discord'] } });
  }

  private dispatchTo(session: GatewaySession, t: string, d: unknown) {
    session.seq += 1;
    const frame = { op: 0, t, s: session.seq, d };
    if (session.socket && session.socket.readyState === WebSocket.OPEN) this.send(session.socket, frame);
    else session.missed.push({ t, s: session.seq, d });
  }

  /**
   * Sends an event to every identified session of the shard its guild belongs to (whose intents pass
   * `filter`, when given). Returns the sessions it was sent to.
   */
  dispatch(t: string, d: unknown | ((session: GatewaySession) => unknown), filter?: (session: GatewaySession) => boolean): GatewaySession[] {
    const sent: GatewaySession[] = [];
    for (const s of this.sessions.values()) {
      if (filter && !filter(s)) continue;
      const payload = typeof d === 'function' ? (d as (x: GatewaySession) => unknown)(s) : d;
      if (!sessionOwns(s, guildOfEvent(t, payload))) continue;
      this.dispatchTo(s, t, payload);
      sent.push(s);
    }
    return sent;
  }

  /** Closes every open socket (sessions stay resumable unless code is 1000). */
  disconnectAll(code = 4000, reason = 'fake disconnect') {
    for (const socket of this.sockets) socket.close(code, reason);
    if (code === 1000) this.sessions.clear();
  }

  /** Asks every client to reconnect and resume (op 7). */
  requestReconnect() {
    for (const s of this.sessions.values()) if (s.socket) this.send(s.socket, { op: 7, d: null });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
