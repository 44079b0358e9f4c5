/**
 * Handlebars for the report formats: one isolated instance per format (helpers and partials
 * never leak into the global Handlebars or into the other format), built-in templates read
 * from `<PROJECT_ROOT>/templates` and compiled once, a user's `--template` and partial
 * overrides compiled on demand (and cached by source).
 *
 * Markdown needs its own escaping: Handlebars' `{{x}}` escapes for HTML, which leaves `|`,
 * `*`, backticks and newlines free to break a table or inject formatting. For the Markdown
 * format every escaped mustache is rewritten, before compilation, into a call of the
 * Markdown-escaping helper, so `{{x}}` in a Markdown template (ours or a user's) escapes for
 * Markdown, and helpers that produce Markdown return SafeStrings that pass through unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { InputError } from '../model/errors.js';
import { PROJECT_ROOT } from '../version.js';
import type { RenderOptions } from './types.js';

type HandlebarsEnv = typeof Handlebars;
type Template = (context: unknown, options?: { partials?: Record<string, Template> }) => string;
type Helper = (...args: unknown[]) => unknown;

export type TemplateFormat = 'md' | 'html';

export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');

/** The helper every escaped mustache in a Markdown template is routed through. */
export const MARKDOWN_ESCAPE_HELPER = 'mdEscape';

export interface EngineSpec {
  format: TemplateFormat;
  helpers: Record<string, Helper>;
  /** Escapes one value for the format (Markdown only; HTML uses Handlebars' own escaping). */
  markdownEscape?: (value: unknown) => string;
}

/** Built-in partials of a format: `templates/partials/<name>.<format>.hbs`, by name. */
export function builtInPartialNames(format: TemplateFormat): string[] {
  const suffix = `.${format}.hbs`;
  return readdirSync(join(TEMPLATES_DIR, 'partials'))
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

export class TemplateEngine {
  private readonly hb: HandlebarsEnv;
  private main: Template | null = null;
  private readonly userTemplates = new Map<string, Template>();

  constructor(private readonly spec: EngineSpec) {
    this.hb = Handlebars.create();
    for (const [name, helper] of Object.entries(spec.helpers)) this.hb.registerHelper(name, helper);
    if (spec.format === 'md') {
      const escape = spec.markdownEscape;
      if (!escape) throw new Error('the Markdown engine needs a Markdown escape function');
      this.hb.registerHelper(MARKDOWN_ESCAPE_HELPER, (value: unknown) => {
        const safe = value as { toHTML?: () => string } | null | undefined;
        if (safe && typeof safe === 'object' && typeof safe.toHTML === 'function') return safe.toHTML();
        return escape(value);
      });
    }
  }

  /** A string the templates write without escaping (helpers that already produced safe output). */
  safe(text: string): unknown {
    return new this.hb.SafeString(text);
  }

  /** Render `context` with the built-in template or the user's, and the user's partial overrides. */
  render(context: unknown, options: RenderOptions): string {
    this.loadBuiltIns();
    const templateName = typeof options.templateName === 'string' ? options.templateName : '--template';
    const main = options.template === undefined ? this.main! : this.userTemplate(options.template, templateName);
    const partials: Record<string, Template> = {};
    const known = builtInPartialNames(this.spec.format);
    for (const name of Object.keys(options.partials ?? {}).sort()) {
      // A misspelt override would otherwise be silently ignored.
      if (!known.includes(name)) throw new InputError(`unknown partial "${name}" for the ${this.spec.format} report; the overridable partials are: ${known.join(', ')}`);
      const source = options.partials![name]!;
      partials[name] = this.compileUser(source, `partial "${name}"`);
    }
    try {
      return main(context, { partials });
    } catch (err) {
      if (options.template === undefined && Object.keys(partials).length === 0) throw err;
      throw templateError(err, options.template !== undefined ? templateName : 'a partial override');
    }
  }

  private loadBuiltIns(): void {
    if (this.main) return;
    const { format } = this.spec;
    for (const name of builtInPartialNames(format)) {
      const source = readFileSync(join(TEMPLATES_DIR, 'partials', `${name}.${format}.hbs`), 'utf8');
      this.hb.registerPartial(name, this.compile(source) as unknown as Handlebars.Template);
    }
    this.main = this.compile(readFileSync(join(TEMPLATES_DIR, `report.${format}.hbs`), 'utf8'));
  }

  private userTemplate(source: string, name: string): Template {
    const cached = this.userTemplates.get(source);
    if (cached) return cached;
    const compiled = this.compileUser(source, name);
    // A long-running library user could render many different templates: keep a few.
    if (this.userTemplates.size >= 16) this.userTemplates.delete(this.userTemplates.keys().next().value!);
    this.userTemplates.set(source, compiled);
    return compiled;
  }

  private compileUser(source: string, name: string): Template {
    try {
      return this.compile(source);
    } catch (err) {
      throw templateError(err, name);
    }
  }

  private compile(source: string): Template {
    const ast = this.hb.parse(source);
    if (this.spec.format === 'md') routeMustachesThroughEscape(ast, this.hb);
    return this.hb.compile(ast, { strict: false, noEscape: false }) as unknown as Template;
  }
}

/** A Handlebars parse or run-time error in a user's template, as an InputError with its line. */
function templateError(err: unknown, name: string): InputError {
  const e = err as { message?: string; lineNumber?: number };
  const message = String(e?.message ?? err).split('\n')[0]!;
  const lineMatch = /on line (\d+)/.exec(message);
  const line = typeof e?.lineNumber === 'number' ? e.lineNumber : lineMatch ? Number(lineMatch[1]) : null;
  return new InputError(`template error: ${message}`, { file: name, line });
}

// --- The Markdown mustache rewrite -------------------------------------------------------

interface Node {
  type: string;
  [key: string]: unknown;
}

/**
 * `{{x}}` → `{{{mdEscape x}}}`, `{{helper a b}}` → `{{{mdEscape (helper a b)}}}`, in place,
 * through every block, inverse and partial block. Triple-stash `{{{x}}}` stays raw (an
 * explicit choice in the template).
 */
function routeMustachesThroughEscape(program: unknown, hb: HandlebarsEnv): void {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'Program') {
      const body = n.body as Node[];
      for (let i = 0; i < body.length; i++) {
        const child = body[i]!;
        if (child.type === 'MustacheStatement' && child.escaped === true) body[i] = escapedMustache(child, hb);
        else visit(child);
      }
      return;
    }
    if (n.type === 'BlockStatement' || n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock') {
      visit(n.program);
      visit(n.inverse);
    }
  };
  visit(program);
}

function escapedMustache(m: Node, hb: HandlebarsEnv): Node {
  const path = m.path as Node;
  const params = (m.params as Node[] | undefined) ?? [];
  const hash = m.hash as Node | undefined;
  const isHelperName =
    path.type === 'PathExpression' &&
    (path.parts as string[]).length === 1 &&
    path.depth === 0 &&
    !path.data &&
    Object.prototype.hasOwnProperty.call(hb.helpers, (path.parts as string[])[0]!);
  const value: Node =
    params.length > 0 || hash !== undefined || isHelperName ? { type: 'SubExpression', path, params, hash, loc: m.loc } : path;
  return {
    type: 'MustacheStatement',
    path: { type: 'PathExpression', data: false, depth: 0, parts: [MARKDOWN_ESCAPE_HELPER], original: MARKDOWN_ESCAPE_HELPER, loc: m.loc },
    params: [value],
    hash: undefined,
    escaped: false,
    strip: m.strip,
    loc: m.loc,
  };
}
