import { describe, expect, it } from 'vitest';
import { containsMention, neutraliseMentions } from '../../src/text/mentions.js';
import { oneLine } from '../../src/text/visible.js';

describe('neutraliseMentions', () => {
  const cases: Array<[string, string]> = [
    ['@everyone look', '@\u200deveryone look'],
    ['hi @here!', 'hi @\u200dhere!'],
    ['@Everyone and @HERE', '@\u200dEveryone and @\u200dHERE'],
    ['x@everyones', 'x@\u200deveryones'],
    ['Slack @channel', 'Slack @\u200dchannel'],
    ['user <@123456789012345678>', 'user @123456789012345678'],
    ['nick <@!123>', 'nick @!123'],
    ['role <@&987>', 'role @&987'],
    ['slack user <@U024BE7LH>', 'slack user @U024BE7LH'],
    ['slack labelled <@W123|bob>', 'slack labelled @W123 (bob)'],
    ['<!channel> <!here> <!everyone>', '!channel !here !everyone'],
    ['<!here|here>', '!here (here)'],
    ['team <!subteam^SAZ94GDB8|@team-x>', 'team !subteam^SAZ94GDB8 (@team-x)'],
    ['sneaky <@U1|@everyone>', 'sneaky @U1 (@\u200deveryone)'],
    ['mail me at bob@example.com, channel <#C123>', 'mail me at bob@example.com, channel <#C123>'],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
    expect(containsMention(neutraliseMentions(input))).toBe(false);
  });

  it('is idempotent and survives oneLine (the joiner is kept)', () => {
    const once = neutraliseMentions('@everyone <@&1> <!here>');
    expect(neutraliseMentions(once)).toBe(once);
    expect(oneLine(once)).toBe(once);
    expect(containsMention(oneLine(once))).toBe(false);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Qwen 3.5 <beats> GPT at 2 < 3 & "quotes" — r/LocalLLaMA @ 100 points';
    expect(neutraliseMentions(text)).toBe(text);
    expect(containsMention(text)).toBe(false);
  });
});
