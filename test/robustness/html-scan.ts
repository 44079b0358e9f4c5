/**
 * A small HTML tokenizer for the injection tests: enough to list the tags and attributes a
 * browser would build from our (generated, regular) HTML and to extract the visible text.
 * Written from the HTML syntax rules, not from src/render, so it can catch their mistakes.
 */

export interface Tag {
  kind: 'open' | 'close';
  name: string;
  attrs: [string, string][];
}

export interface Scanned {
  tags: Tag[];
  /** Visible text with character references decoded (script/style content excluded). */
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (all, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return NAMED[ref] ?? all;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

export function scanHtml(html: string): Scanned {
  const tags: Tag[] = [];
  const text: string[] = [];
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      text.push(html.slice(pos));
      break;
    }
    text.push(html.slice(pos, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      pos = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      pos = end < 0 ? html.length : end + 1;
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]{0,63})/.exec(html.slice(lt, lt + 70));
    if (m === null) {
      // A `<` that starts no tag is text, as in a browser.
      text.push('<');
      pos = lt + 1;
      continue;
    }
    let i = lt + m[0].length;
    const attrs: [string, string][] = [];
    for (;;) {
      while (i < html.length && /[\s/]/.test(html[i]!)) i++;
      if (i >= html.length || html[i] === '>') break;
      const nameStart = i;
      while (i < html.length && !/[\s/>=]/.test(html[i]!)) i++;
      const name = html.slice(nameStart, i).toLowerCase();
      while (i < html.length && /\s/.test(html[i]!)) i++;
      let value = '';
      if (html[i] === '=') {
        i++;
        while (i < html.length && /\s/.test(html[i]!)) i++;
        const q = html[i];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, i + 1);
          value = html.slice(i + 1, end < 0 ? html.length : end);
          i = end < 0 ? html.length : end + 1;
        } else {
          const start = i;
          while (i < html.length && !/[\s>]/.test(html[i]!)) i++;
          value = html.slice(start, i);
        }
      }
      attrs.push([name, decodeEntities(value)]);
    }
    const name = m[2]!.toLowerCase();
    tags.push({ kind: m[1] === '/' ? 'close' : 'open', name, attrs });
    pos = i + 1;
    if (m[1] !== '/' && RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, pos);
      if (name === 'title' || name === 'textarea') text.push(html.slice(pos, end < 0 ? html.length : end));
      pos = end < 0 ? html.length : end;
    }
  }
  return { tags, text: decodeEntities(text.join('')) };
}

const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'form', 'applet']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background']);

/** What would execute or navigate in a browser: script elements, event handlers, script URLs. */
export function activeContent(tags: readonly Tag[]): string[] {
  const found: string[] = [];
  for (const t of tags) {
    if (t.kind !== 'open') continue;
    if (ACTIVE_ELEMENTS.has(t.name)) found.push(`<${t.name}>`);
    for (const [name, value] of t.attrs) {
      if (name.startsWith('on')) found.push(`<${t.name} ${name}=…>`);
      // Browsers ignore whitespace and control characters inside the scheme.
      const scheme = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (URL_ATTRS.has(name) && /^(javascript|vbscript|data:text\/html)/.test(scheme)) found.push(`<${t.name} ${name}="${value.slice(0, 40)}">`);
    }
    if (t.name === 'meta' && t.attrs.some(([n, v]) => n === 'http-equiv' && v.toLowerCase() === 'refresh')) found.push('<meta refresh>');
  }
  return found;
}
