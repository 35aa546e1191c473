import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

// @discordjs/rest sends a message's files (the week's chart) as a FormData of its own copy of undici (6.x).
// Without an agent of its own it sends every request through undici's process-wide dispatcher, which is
// installed by whichever copy of undici loads first. When that is the undici 7 Bolt brings (@slack/socket-mode,
// loaded before discord.js: Slack and Discord start side by side), undici 7 does not take another copy's
// FormData, and every Discord post with a file fails ("action is not a function"), each time, all day.
// So Discord's REST gets an Agent of the very copy of undici that @discordjs/rest itself uses.

type Agent = NonNullable<RESTOptions['agent']>;

let agent: Agent | undefined;

/** One connection pool for Discord's REST in this process, of @discordjs/rest's own undici. */
export function discordRestAgent(): Agent {
  if (!agent) {
    // discord.js → its @discordjs/rest → that one's undici, wherever npm placed each.
    const fromDiscord = createRequire(createRequire(import.meta.url).resolve('discord.js'));
    const undici = createRequire(fromDiscord.resolve('@discordjs/rest'))('undici') as { Agent: new () => Agent };
    agent = new undici.Agent();
  }
  return agent;
}
