/**
 * A tiny XML 1.0 writer for the machine formats (JUnit). Scanner output is hostile input:
 * container names, titles and remediation text may hold markup, `]]>`, quotes, terminal
 * escape codes or broken UTF-16. Everything that reaches the document goes through
 * `xmlText` or `xmlAttribute`, so the result is well-formed whatever the input holds.
 */

/**
 * Characters XML 1.0 forbids everywhere, even escaped (`&#0;` is not allowed either):
 * C0 controls except tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. Also DEL and the
 * C1 controls, which XML allows but discourages (§2.2): a terminal showing the document
 * would act on them (U+009B is CSI). With the `u` flag a lone surrogate is one code point
 * outside every allowed range, while a valid surrogate pair is a code point ≥ U+10000 and
 * is kept. One character class: linear time.
 */
const INVALID_XML_CHARS = /[^\t\n\r\u{20}-\u{7E}\u{A0}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;

/** Remove the characters XML 1.0 cannot carry at all, and the controls it discourages. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/**
 * Escape for element content. `>` is escaped too, so `]]>` can never appear. CR becomes a
 * reference because a parser turns a literal CR (and CRLF) into LF (XML 1.0 §2.11).
 */
export function xmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch]!);
}

/**
 * Escape for a double- or single-quoted attribute value. Tab, LF and CR are written as
 * character references because a parser normalises literal ones to spaces (XML 1.0 §3.3.3),
 * which would silently change a multi-line message.
 */
export function xmlAttribute(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch]!);
}

/** Attribute name → value; undefined values are left out, order is kept. */
export type XmlAttributes = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/**
 * Builds an indented document line by line. Element and attribute names come from our code
 * (never from input), so only values are escaped.
 */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly open: string[] = [];

  /** `<name a="…">` — children follow until `close()`. */
  start(name: string, attributes: XmlAttributes = []): this {
    this.lines.push(`${this.indent()}<${name}${formatAttributes(attributes)}>`);
    this.open.push(name);
    return this;
  }

  /** `<name a="…"/>`, or `<name a="…">text</name>` when text is given. */
  leaf(name: string, attributes: XmlAttributes = [], text?: string): this {
    const attrs = formatAttributes(attributes);
    this.lines.push(
      text === undefined ? `${this.indent()}<${name}${attrs}/>` : `${this.indent()}<${name}${attrs}>${xmlText(text)}</${name}>`,
    );
    return this;
  }

  close(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XmlWriter: close() without an open element');
    this.lines.push(`${this.indent()}</${name}>`);
    return this;
  }

  /** The document, with a trailing newline. */
  toString(): string {
    if (this.open.length > 0) throw new Error(`XmlWriter: <${this.open.join('>, <')}> left open`);
    return `${this.lines.join('\n')}\n`;
  }

  private indent(): string {
    return '  '.repeat(this.open.length);
  }
}

function formatAttributes(attributes: XmlAttributes): string {
  let out = '';
  for (const [name, value] of attributes) {
    if (value === undefined) continue;
    out += ` ${name}="${xmlAttribute(String(value))}"`;
  }
  return out;
}
