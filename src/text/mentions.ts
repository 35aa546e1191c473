// Text that reaches a chat can come from Reddit users, chat users or the model. None of it may ping
// anyone, on any platform, whatever it says, so every renderer and every answer passes through here.
// Adapters also turn pings off at the API (Discord `allowed_mentions`), but text is defence in depth:
// a setting can be forgotten, a text can be copied to another platform, and Slack has no such switch.

/** U+2060 WORD JOINER would be stripped by `oneLine`; U+200D ZERO WIDTH JOINER survives it and stops a ping. */
const JOINER = '\u200d';

// Discord: <@123>, <@!123> (user), <@&123> (role). Slack: <@U123>, <@W123|name> (user). The brackets
// are what makes them pings; the id alone is harmless text.
const userOrRole = /<@([!&]?[A-Za-z0-9]+)(\|[^>]*)?>/g;
// Slack special mentions: <!channel>, <!here>, <!everyone>, <!subteam^S123|@team>, with an optional label.
const slackSpecial = /<!([A-Za-z]+(?:\^[A-Za-z0-9]+)?)(\|[^>]*)?>/g;
// Plain-text broadcasts: Discord parses @everyone and @here; Slack with link_names turns @channel,
// @here and @everyone into pings. A joiner after the @ keeps the word readable and inert.
// No word boundary after the word: Discord pings on "@everyones" too, and a joiner in "@hereby" is harmless.
const broadcast = /@(everyone|here|channel)/gi;
// What is left of a ping's opening, "<@" or "<!" with no closing ">" yet: a renderer's own markup (a
// Discord "<url>" link after it) could close it later, so the opening itself is broken.
const opening = /<([@!])/g;

/** Makes every ping-shaped piece of `text` inert, keeping it readable ("@everyone" stays visible). */
export function neutraliseMentions(text: string): string {
  return text
    .replace(userOrRole, (_match, id: string, label: string | undefined) => `@${id}${label ? ` (${label.slice(1)})` : ''}`)
    .replace(slackSpecial, (_match, name: string, label: string | undefined) => `!${name}${label ? ` (${label.slice(1)})` : ''}`)
    .replace(broadcast, (_match, word: string) => `@${JOINER}${word}`)
    .replace(opening, `<${JOINER}$1`);
}

/** True when `text` still holds something that would ping on Discord or Slack. */
export function containsMention(text: string): boolean {
  return new RegExp(userOrRole.source).test(text) || new RegExp(slackSpecial.source).test(text) || new RegExp(broadcast.source, 'i').test(text);
}
