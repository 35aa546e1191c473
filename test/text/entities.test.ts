import { describe, expect, it } from 'vitest';
import { decodeEntities, decodeEntitiesOnce } from '../../src/text/entities.js';

describe('decodeEntities', () => {
  it('decodes the entities Reddit and its clients produce', () => {
    expect(decodeEntities('Tom &amp; Jerry &lt;3 &gt; all')).toBe('Tom & Jerry <3 > all');
    expect(decodeEntities('&quot;Will Smith&quot; &apos;s')).toBe('"Will Smith" \'s');
    expect(decodeEntities('No Problem.&nbsp;My 2018')).toBe('No Problem.\u00a0My 2018');
    expect(decodeEntities('wait&hellip; &mdash; &ndash; &lsquo;a&rsquo; &ldquo;b&rdquo;')).toBe('wait… — – ‘a’ “b”');
  });

  it('decodes decimal and hexadecimal references, including astral ones', () => {
    expect(decodeEntities('it&#39;s &#x27;x&#X27; &#128512; &#x1F600;')).toBe("it's 'x' 😀 😀");
  });

  it('is case-insensitive for names', () => {
    expect(decodeEntities('&AMP; &Nbsp;')).toBe('& \u00a0');
  });

  it('decodes double-escaped text (&amp;amp;, &amp;nbsp;, &amp;#39;)', () => {
    expect(decodeEntities('AT&amp;amp;T')).toBe('AT&T');
    expect(decodeEntities('iGPU.&amp;nbsp;No')).toBe('iGPU.\u00a0No');
    expect(decodeEntities('it&amp;#39;s')).toBe("it's");
  });

  it('decodes at most twice, so a title about entities keeps its last level', () => {
    expect(decodeEntities('&amp;amp;amp;')).toBe('&amp;');
  });

  it('leaves unknown names, invalid code points and bare ampersands alone', () => {
    expect(decodeEntities('&bogus; &#0; &#x110000; AT&T R&D; a & b &;')).toBe('&bogus; &#0; &#x110000; AT&T R&D; a & b &;');
    expect(decodeEntities('plain text')).toBe('plain text');
  });
});

describe('decodeEntitiesOnce', () => {
  it('decodes one level only: HTML escaped once keeps what its author wrote', () => {
    expect(decodeEntitiesOnce('a &amp;lt;b&amp;gt; &#32;&#39;c&#39;')).toBe("a &lt;b&gt;  'c'");
    expect(decodeEntitiesOnce('plain')).toBe('plain');
  });
});
