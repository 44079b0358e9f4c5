/**
 * A small, strict XML 1.0 parser for tests: enough of the spec to reject anything a real
 * consumer (Jenkins, GitLab, Azure) would choke on in the documents we write — characters
 * outside the XML Char production, unescaped `<` or `&`, bad entity or character references,
 * `]]>` in text, mismatched or unclosed tags, duplicate attributes, more than one root.
 * Comments, CDATA sections, DOCTYPEs and processing instructions are refused (we emit none).
 * Written independently of src/render/xml.ts so it can catch its mistakes.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {}

const NAME_START = /^[A-Za-z_:]$/;
const NAME_CHAR = /^[A-Za-z0-9._:-]$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export function parseXml(doc: string): XmlElement {
  // Every code point must be an XML Char; a lone surrogate reads as itself with codePointAt.
  for (let i = 0; i < doc.length; i++) {
    const cp = doc.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (!isXmlChar(cp) || (cp >= 0xd800 && cp <= 0xdfff)) throw new XmlSyntaxError(`invalid character U+${cp.toString(16)} at ${i}`);
  }
  let pos = 0;
  const fail = (msg: string): never => {
    throw new XmlSyntaxError(`${msg} at offset ${pos}: ${JSON.stringify(doc.slice(pos, pos + 40))}`);
  };
  const readName = (): string => {
    const start = pos;
    if (!NAME_START.test(doc[pos] ?? '')) fail('expected a name');
    pos++;
    while (NAME_CHAR.test(doc[pos] ?? '')) pos++;
    return doc.slice(start, pos);
  };
  const skipSpace = () => {
    while (pos < doc.length && ' \t\r\n'.includes(doc[pos]!)) pos++;
  };
  const readReference = (): string => {
    // at '&'
    const end = doc.indexOf(';', pos);
    if (end < 0 || end - pos > 12) fail('unterminated reference');
    const body = doc.slice(pos + 1, end);
    pos = end + 1;
    if (body.startsWith('#x')) {
      if (!/^#x[0-9A-Fa-f]+$/.test(body)) fail('bad hex reference');
      const cp = parseInt(body.slice(2), 16);
      if (!isXmlChar(cp)) fail('reference to a non-XML character');
      return String.fromCodePoint(cp);
    }
    if (body.startsWith('#')) {
      if (!/^#[0-9]+$/.test(body)) fail('bad decimal reference');
      const cp = parseInt(body.slice(1), 10);
      if (!isXmlChar(cp)) fail('reference to a non-XML character');
      return String.fromCodePoint(cp);
    }
    const value = ENTITIES[body];
    if (value === undefined) fail(`undefined entity &${body};`);
    return value!;
  };

  // Declaration (optional), then exactly one root element.
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    const decl = doc.slice(0, end + 2);
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(decl)) fail('unexpected declaration');
    pos = end + 2;
  }
  skipSpace();

  const readElement = (): XmlElement => {
    if (doc[pos] !== '<') fail('expected <');
    pos++;
    if ('!?/'.includes(doc[pos] ?? '')) fail('comments, CDATA, DOCTYPE and processing instructions are not expected');
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (doc.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (doc[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected whitespace before an attribute');
      const attr = readName();
      if (Object.hasOwn(attributes, attr)) fail(`duplicate attribute ${attr}`);
      skipSpace();
      if (doc[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = doc[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      pos++;
      let value = '';
      for (;;) {
        const ch = doc[pos];
        if (ch === undefined) fail('unterminated attribute');
        if (ch === quote) {
          pos++;
          break;
        }
        if (ch === '<') fail('< in attribute value');
        if (ch === '&') value += readReference();
        else {
          // Attribute-value normalisation: literal whitespace becomes a space.
          value += ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ch;
          pos++;
        }
      }
      attributes[attr] = value;
    }
    const children: XmlNode[] = [];
    let text = '';
    for (;;) {
      if (pos >= doc.length) fail(`<${name}> is not closed`);
      if (doc.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (doc[pos] !== '>') fail('expected >');
        pos++;
        if (text) children.push(text);
        return { name, attributes, children };
      }
      if (doc[pos] === '<') {
        if (text) children.push(text);
        text = '';
        children.push(readElement());
        continue;
      }
      if (doc.startsWith(']]>', pos)) fail(']]> in text');
      if (doc[pos] === '&') {
        text += readReference();
        continue;
      }
      // Line-end normalisation (XML 1.0 §2.11).
      if (doc[pos] === '\r') {
        text += '\n';
        pos += doc[pos + 1] === '\n' ? 2 : 1;
        continue;
      }
      text += doc[pos];
      pos++;
    }
  };

  const root = readElement();
  skipSpace();
  if (pos !== doc.length) fail('content after the root element');
  return root;
}

/** Child elements with this name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The text content of an element (its direct text children). */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}
