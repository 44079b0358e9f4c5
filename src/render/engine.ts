/**
 * Handlebars for the report formats: one isolated instance per format (helpers and partials
 * never leak into the global Handlebars or into the other format), built-in templates
 * precompiled at build time (dist/generated/templates.cjs, written by
 * ./precompile-templates.ts) or, when that file is missing or stale, compiled from
 * `<PROJECT_ROOT>/templates` once; a user's `--template` and partial overrides compiled on
 * demand (and cached by source).
 *
 * Start-up: the engines run on `handlebars/runtime`, which is all a precompiled template
 * needs. The full Handlebars (parser and compiler, ~70–150 ms to compile our templates on a
 * cold start) is loaded only to compile a user's template or partial, or the built-ins when
 * no fresh precompiled file is there.
 *
 * Markdown needs its own escaping: Handlebars' `{{x}}` escapes for HTML, which leaves `|`,
 * `*`, backticks and newlines free to break a table or inject formatting. For the Markdown
 * format every escaped mustache is rewritten, before compilation, into a call of the
 * Markdown-escaping helper, so `{{x}}` in a Markdown template (ours or a user's) escapes for
 * Markdown, and helpers that produce Markdown return SafeStrings that pass through unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../model/errors.js';
import { PROJECT_ROOT } from '../version.js';
import type { RenderOptions } from './types.js';

type Template = (context: unknown, options?: { partials?: Record<string, Template> }) => string;
type Helper = (...args: unknown[]) => unknown;

/** A compiled template as Handlebars' run time takes it (`hb.template(spec)`); opaque here. */
type TemplateSpec = object;

interface AstNode {
  type: string;
  [key: string]: unknown;
}

/** The part of a Handlebars environment the engine uses: all of it is in `handlebars/runtime`. */
interface HandlebarsRuntime {
  VERSION: string;
  helpers: Record<string, unknown>;
  create(): HandlebarsRuntime;
  registerHelper(name: string, helper: Helper): void;
  registerPartial(name: string, partial: Template): void;
  template(spec: TemplateSpec): Template;
  SafeString: new (text: string) => unknown;
}

interface CompileOptions {
  strict: boolean;
  noEscape: boolean;
  data: boolean;
}

/** The full Handlebars: the run time plus the parser and the compiler. */
interface HandlebarsCompiler extends HandlebarsRuntime {
  parse(input: string | AstNode, options?: CompileOptions): AstNode;
  precompile(input: AstNode, options: CompileOptions): string;
  Compiler: new () => { compile(ast: AstNode, options: CompileOptions): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: CompileOptions, context: undefined, asObject: true): TemplateSpec };
}

// Handlebars is CommonJS and `handlebars/runtime` has no ESM entry or typings of its own
// (Node ESM would need `handlebars/runtime.js`; jest's resolver takes either): a CJS require
// loads both the same way under Node and under jest, synchronously, as rendering is.
const requireCjs = createRequire(import.meta.url);
let runtime: HandlebarsRuntime | null = null;
let compiler: HandlebarsCompiler | null = null;

function handlebarsRuntime(): HandlebarsRuntime {
  runtime ??= requireCjs('handlebars/runtime') as HandlebarsRuntime;
  return runtime;
}

/** The parser and compiler: loaded only when a template must be compiled from its source. */
function handlebarsCompiler(): HandlebarsCompiler {
  compiler ??= requireCjs('handlebars') as HandlebarsCompiler;
  return compiler;
}

export type TemplateFormat = 'md' | 'html';

/** The page templates of a format: `templates/<name>.<format>.hbs`. */
export type BuiltInTemplate = 'report' | 'diff' | 'history';

export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');

/**
 * Where the build writes the precompiled built-in templates (./precompile-templates.ts):
 * `dist/generated/` seen from the compiled `dist/src/render/`. Resolved from this module, as
 * the knowledge snapshot is, so that code run from its TypeScript source (ts-jest) looks in
 * `<root>/generated/`, where no build writes, and compiles the templates from source.
 */
export const GENERATED_TEMPLATES_FILE = fileURLToPath(new URL('../../generated/templates.cjs', import.meta.url));

/** The helper every escaped mustache in a Markdown template is routed through. */
export const MARKDOWN_ESCAPE_HELPER = 'mdEscape';

/** Options of every compilation, at build time and at run time (`data` is Handlebars' default, made explicit). */
const COMPILE_OPTIONS: CompileOptions = { strict: false, noEscape: false, data: true };

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

// --- Precompiled built-ins -----------------------------------------------------------------

/**
 * One precompiled template. The Markdown rewrite asks, for every bare `{{name}}`, whether
 * `name` is a helper; `helpers` records each such answer, so an engine whose helpers would
 * answer differently (another page's helper set, a helper added since the build) compiles
 * that template from source instead.
 */
export interface PrecompiledTemplate<Spec = TemplateSpec> {
  helpers: Record<string, boolean>;
  spec: Spec;
}

export interface PrecompiledFormat<Spec = TemplateSpec> {
  /** sha256 (hex) of every template source of the format, by path under templates/. */
  sources: Record<string, string>;
  partials: Record<string, PrecompiledTemplate<Spec>>;
  templates: Record<string, PrecompiledTemplate<Spec>>;
}

/** The generated module's exports (with `Spec` = the spec's JavaScript source while it is being written). */
export interface GeneratedTemplates<Spec = TemplateSpec> {
  handlebarsVersion: string;
  /** compilePipelineFingerprint() of the code that made the file. */
  pipeline: string;
  formats: Record<TemplateFormat, PrecompiledFormat<Spec>>;
}

let generatedTemplatesFile: string | null = GENERATED_TEMPLATES_FILE;

/**
 * Where engines take their precompiled built-ins from (null: always compile from source).
 * For tests; engines created earlier switch at their next render.
 */
export function useGeneratedTemplates(file: string | null): void {
  generatedTemplatesFile = file;
}

/**
 * What the precompiled output depends on besides the templates and the helpers: the
 * compile options and the Markdown rewrite. Code that differs from the code that generated
 * the file (dist/ recompiled with a plain `tsc` after an edit of this file, the generator
 * not run) then compiles from source rather than use specs made by the old rewrite.
 */
export function compilePipelineFingerprint(): string {
  return sha256(
    [JSON.stringify(COMPILE_OPTIONS), MARKDOWN_ESCAPE_HELPER, routeMustachesThroughEscape.toString(), escapedMustache.toString()].join('\n'),
  );
}

/** The version of the Handlebars run time the templates will run on. */
export function handlebarsVersion(): string {
  return handlebarsRuntime().VERSION;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A format's template sources, by path under the templates folder (`report.md.hbs`, `partials/footer.md.hbs`). */
export function templateSources(format: TemplateFormat, templatesDir: string = TEMPLATES_DIR): Map<string, string> {
  const suffix = `.${format}.hbs`;
  const files = [
    ...readdirSync(templatesDir).filter((f) => f.endsWith(suffix)),
    ...readdirSync(join(templatesDir, 'partials'))
      .filter((f) => f.endsWith(suffix))
      .map((f) => `partials/${f}`),
  ].sort();
  return new Map(files.map((f) => [f, readFileSync(join(templatesDir, f), 'utf8')]));
}

/** sha256 of each source (its UTF-8 text), as the generated file records them. */
export function sourceHashes(sources: Map<string, string>): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const [file, source] of sources) hashes[file] = sha256(source);
  return hashes;
}

const loadedGenerated = new Map<string, PrecompiledFormat | null>();

/**
 * The precompiled templates of `format` in `file`, or null when the file is missing,
 * unreadable, made by another Handlebars or another compile pipeline, or made from
 * template sources that differ from those in templates/ now (a template edited, added or
 * removed since the build). Checked once per file and format in a process (~1 ms).
 */
export function loadGeneratedTemplates(file: string, format: TemplateFormat): PrecompiledFormat | null {
  const key = `${file}\0${format}`;
  if (!loadedGenerated.has(key)) loadedGenerated.set(key, readGeneratedTemplates(file, format));
  return loadedGenerated.get(key)!;
}

function readGeneratedTemplates(file: string, format: TemplateFormat): PrecompiledFormat | null {
  if (!existsSync(file)) return null;
  let generated: GeneratedTemplates;
  try {
    generated = requireCjs(file) as GeneratedTemplates;
  } catch {
    // A damaged file is no worse than a missing one: the sources are the truth.
    return null;
  }
  if (generated?.handlebarsVersion !== handlebarsVersion()) return null;
  if (generated.pipeline !== compilePipelineFingerprint()) return null;
  const precompiled = generated.formats?.[format];
  if (!precompiled?.sources) return null;
  const current = sourceHashes(templateSources(format));
  const recorded = precompiled.sources;
  const files = Object.keys(current);
  if (files.length !== Object.keys(recorded).length) return null;
  for (const f of files) if (recorded[f] !== current[f]) return null;
  return precompiled;
}

// --- The engine ----------------------------------------------------------------------------

export class TemplateEngine {
  private readonly hb: HandlebarsRuntime;
  /** The generated file the built-ins were loaded with (null: from source; undefined: not loaded yet). */
  private builtInsFrom: string | null | undefined = undefined;
  private precompiled: PrecompiledFormat | null = null;
  private readonly mains = new Map<BuiltInTemplate, Template>();
  private readonly userTemplates = new Map<string, Template>();

  constructor(private readonly spec: EngineSpec) {
    this.hb = handlebarsRuntime().create();
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

  /**
   * Render `context` with the built-in template `builtIn` (the report unless said otherwise)
   * or the user's, and the user's partial overrides.
   */
  render(context: unknown, options: RenderOptions, builtIn: BuiltInTemplate = 'report'): string {
    this.loadBuiltIns();
    const templateName = typeof options.templateName === 'string' ? options.templateName : '--template';
    const main = options.template === undefined ? this.builtIn(builtIn) : this.userTemplate(options.template, templateName);
    const partials: Record<string, Template> = {};
    const overrides = Object.keys(options.partials ?? {}).sort();
    if (overrides.length > 0) {
      const known = builtInPartialNames(this.spec.format);
      for (const name of overrides) {
        // A misspelt override would otherwise be silently ignored.
        if (!known.includes(name)) throw new InputError(`unknown partial "${name}" for the ${this.spec.format} report; the overridable partials are: ${known.join(', ')}`);
        const source = options.partials![name]!;
        partials[name] = this.compileUser(source, `partial "${name}"`);
      }
    }
    try {
      return main(context, { partials });
    } catch (err) {
      if (options.template === undefined && overrides.length === 0) throw err;
      throw templateError(err, options.template !== undefined ? templateName : 'a partial override');
    }
  }

  /**
   * A template compiled for this engine as the build writes it: the spec's JavaScript source
   * and the helper answers the Markdown rewrite depended on (./precompile-templates.ts).
   */
  precompile(source: string, name: string): PrecompiledTemplate<string> {
    try {
      const { ast, helpers } = this.parse(source);
      return { helpers, spec: handlebarsCompiler().precompile(ast, { ...COMPILE_OPTIONS }) };
    } catch (err) {
      throw templateError(err, name);
    }
  }

  /** Partials are registered once per source of built-ins; the page templates are made on first use. */
  private loadBuiltIns(): void {
    if (this.builtInsFrom === generatedTemplatesFile) return;
    const { format } = this.spec;
    this.builtInsFrom = generatedTemplatesFile;
    this.precompiled = generatedTemplatesFile === null ? null : loadGeneratedTemplates(generatedTemplatesFile, format);
    this.mains.clear();
    const names = this.precompiled ? Object.keys(this.precompiled.partials).sort() : builtInPartialNames(format);
    for (const name of names) {
      this.hb.registerPartial(name, this.builtInTemplate(this.precompiled?.partials[name], `partials/${name}.${format}.hbs`));
    }
  }

  private builtIn(name: BuiltInTemplate): Template {
    let main = this.mains.get(name);
    if (!main) {
      main = this.builtInTemplate(this.precompiled?.templates[name], `${name}.${this.spec.format}.hbs`);
      this.mains.set(name, main);
    }
    return main;
  }

  /** The precompiled template when its helper answers hold for this engine, else the source compiled. */
  private builtInTemplate(precompiled: PrecompiledTemplate | undefined, file: string): Template {
    if (precompiled && this.answersMatch(precompiled.helpers)) return this.hb.template(precompiled.spec);
    return this.compile(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
  }

  private answersMatch(answers: Record<string, boolean>): boolean {
    return Object.entries(answers).every(([name, isHelper]) => Object.hasOwn(this.hb.helpers, name) === isHelper);
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

  /**
   * Compile from source into this engine's environment: what `Handlebars.compile` does on a
   * template's first use (parse a second time, which applies whitespace control, then
   * generate the JavaScript as an object), bound to our run-time environment rather than the
   * compiler's. `precompile` takes the same steps and writes the same JavaScript as text.
   */
  private compile(source: string): Template {
    const hbc = handlebarsCompiler();
    const { ast } = this.parse(source);
    const options = { ...COMPILE_OPTIONS };
    const environment = new hbc.Compiler().compile(hbc.parse(ast, options), options);
    return this.hb.template(new hbc.JavaScriptCompiler().compile(environment, options, undefined, true));
  }

  /** The template's AST, with the Markdown rewrite for Markdown, and the helper answers the rewrite used. */
  private parse(source: string): { ast: AstNode; helpers: Record<string, boolean> } {
    const ast = handlebarsCompiler().parse(source);
    const helpers: Record<string, boolean> = {};
    if (this.spec.format === 'md') {
      routeMustachesThroughEscape(ast, (name) => (helpers[name] = Object.hasOwn(this.hb.helpers, name)));
    }
    return { ast, helpers };
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

/**
 * `{{x}}` → `{{{mdEscape x}}}`, `{{helper a b}}` → `{{{mdEscape (helper a b)}}}`, in place,
 * through every block, inverse and partial block. Triple-stash `{{{x}}}` stays raw (an
 * explicit choice in the template). `isHelper` is asked only about bare `{{name}}`s, where
 * the answer decides between a helper call and a field.
 */
function routeMustachesThroughEscape(program: unknown, isHelper: (name: string) => boolean): void {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode;
    if (n.type === 'Program') {
      const body = n.body as AstNode[];
      for (let i = 0; i < body.length; i++) {
        const child = body[i]!;
        if (child.type === 'MustacheStatement' && child.escaped === true) body[i] = escapedMustache(child, isHelper);
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

function escapedMustache(m: AstNode, isHelper: (name: string) => boolean): AstNode {
  const path = m.path as AstNode;
  const params = (m.params as AstNode[] | undefined) ?? [];
  const hash = m.hash as AstNode | undefined;
  const bareName =
    params.length === 0 && hash === undefined && path.type === 'PathExpression' && (path.parts as string[]).length === 1 && path.depth === 0 && !path.data
      ? (path.parts as string[])[0]!
      : null;
  const callsHelper = params.length > 0 || hash !== undefined || (bareName !== null && isHelper(bareName));
  const value: AstNode = callsHelper ? { type: 'SubExpression', path, params, hash, loc: m.loc } : path;
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
