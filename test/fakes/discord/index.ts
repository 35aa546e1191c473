// A fake Discord (REST + gateway) for tests with a real discord.js Client. See fake.ts for the driver API.
export { FakeDiscord, startFakeDiscord } from './fake.js';
export type {
  FakeDiscordOptions, GuildInput, ChannelInput, CommandOptionInput, SlashCommandInput, DispatchedInteraction,
  AutocompleteHandle, UserMessageInput, UserMessageUpdateInput,
} from './fake.js';
export type { RecordedCall, FailureMatch, FailureReply } from './server.js';
export type { IdentifyRecord, GatewaySession } from './gateway.js';
export type { StoredMessage, MessageRevision, ApiUser, ChannelRecord, InteractionRecord, CommandRecord } from './state.js';
export { Intents, MessageFlags, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './state.js';
export { snowflake, snowflakeOnShard, snowflakeTime } from './ids.js';
export { shardOf } from './gateway.js';
