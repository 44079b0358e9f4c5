import fc from 'fast-check';
import { stripInvalidXmlChars, xmlAttribute, xmlText, XmlWriter } from '../../src/render/xml.js';
import { HOSTILE_VALUES } from './fixture.js';
import { childElements, parseXml, textOf, XmlSyntaxError } from './xml-parse.js';

/** Any UTF-16 code unit (lone surrogates included) mixed with the characters XML cares about. */
const nastyString = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
    fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\r', '\n', '\r\n', '\t', '&amp;', '\u{1F680}', '\uFFFE', '\uFFFF'),
  ),
  maxLength: 60,
});

function roundTrip(text: string): { text: string; attribute: string } {
  const doc = new XmlWriter().start('root').leaf('e', [['a', text]], text).close().toString();
  const e = childElements(parseXml(doc), 'e')[0]!;
  return { text: textOf(e), attribute: e.attributes['a']! };
}

describe('XML escaping', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(xmlText('<a href="x">&</a>]]>')).toBe('&lt;a href="x"&gt;&amp;&lt;/a&gt;]]&gt;');
    expect(xmlAttribute(`"'<>&`)).toBe('&quot;&apos;&lt;&gt;&amp;');
  });

  it('keeps tab, LF and CR in attributes as character references', () => {
    expect(xmlAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('strips what XML 1.0 cannot carry and keeps valid astral characters', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0007c\u001bd\ud800e\udfff' + 'f\uFFFEg\uFFFFh')).toBe('abcdefgh');
    expect(stripInvalidXmlChars('rocket \u{1F680}\t\n\r')).toBe('rocket \u{1F680}\t\n\r');
    // A low surrogate before a high one is two lone halves, not a pair.
    expect(stripInvalidXmlChars('\udc00\ud800')).toBe('');
  });

  it.each(HOSTILE_VALUES.map((v) => [JSON.stringify(v).slice(0, 40), v]))('round-trips the hostile string %s', (_label, value) => {
    const back = roundTrip(value);
    expect(back.text).toBe(stripInvalidXmlChars(value));
    expect(back.attribute).toBe(stripInvalidXmlChars(value));
  });

  it('writes a well-formed document for any string, and the parser gets it back', () => {
    fc.assert(
      fc.property(nastyString, (value) => {
        const back = roundTrip(value);
        expect(back.text).toBe(stripInvalidXmlChars(value));
        expect(back.attribute).toBe(stripInvalidXmlChars(value));
      }),
      { numRuns: 500 },
    );
  });

  it('handles a 1 MB line without blowing up', () => {
    const line = `${'<&'.repeat(256 * 1024)}${'\u0000'.repeat(512 * 1024)}`;
    expect(roundTrip(line).text).toBe('<&'.repeat(256 * 1024));
  });
});

describe('the test parser itself', () => {
  // It must reject what a consumer rejects, or the renderer tests prove nothing.
  it.each([
    ['a bare ampersand', '<r>a & b</r>'],
    ['a bare <', '<r a="<"/>'],
    [']]> in text', '<r>]]></r>'],
    ['a NUL character', '<r>\u0000</r>'],
    ['a reference to NUL', '<r>&#0;</r>'],
    ['a lone surrogate', '<r>\ud800</r>'],
    ['mismatched tags', '<r><a></b></r>'],
    ['an unclosed element', '<r><a></r>'],
    ['duplicate attributes', '<r a="1" a="2"/>'],
    ['two roots', '<r/><r/>'],
    ['an undefined entity', '<r>&nbsp;</r>'],
  ])('rejects %s', (_what, doc) => {
    expect(() => parseXml(doc)).toThrow(XmlSyntaxError);
  });
});
