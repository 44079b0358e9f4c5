/**
 * The common command line without yargs. Importing yargs costs about as much as starting
 * node itself (~50 ms: it loads its help formatter, locales and validation for every
 * command), while a well-formed `stridebench report FILE -o x.html` needs none of that.
 *
 * So a command's own `builder` is run against a recorder instead of yargs, which captures
 * its positionals and options; the arguments are then parsed by `yargs-parser` — the
 * parser yargs itself uses — with the options object and the positional re-parse yargs
 * performs (yargs/build/lib/command.js, populatePositionals), so the handler receives the
 * same argument object. The option definitions stay in one place (the builders).
 *
 * Whenever anything is not plainly valid — help or version asked for, an unknown option
 * or command, a missing or extra positional, a value outside `choices`, conflicting
 * options, `--`, or a builder using a yargs feature the recorder does not know — this
 * returns null and main.ts hands the whole command line to yargs, which prints the help
 * or the usage error as it always did. The fast path never decides an error itself.
 */
import parser from 'yargs-parser';
import { UsageError } from '../model/errors.js';

/** A command module as main.ts registers it with yargs. */
export interface CommandModule {
  command: string;
  builder: (y: never) => unknown;
  handler: (args: never) => unknown;
}

interface RecordedOption {
  type?: 'string' | 'number' | 'boolean';
  alias?: string | string[];
  array?: boolean;
  normalize?: boolean;
  default?: unknown;
  choices?: readonly unknown[];
  demandOption?: unknown;
}

interface RecordedCommand {
  name: string;
  /** Positionals in command-string order; `variadic` for `<files..>`. */
  positionals: { name: string; demanded: boolean; variadic: boolean }[];
  options: Map<string, RecordedOption>;
  conflicts: [string, string][];
  /** The builder called something the recorder does not model: always defer to yargs. */
  unsupported: boolean;
}

export interface FastParse {
  command: CommandModule;
  args: Record<string, unknown>;
}

/** The options yargs adds to every command (main.ts: `.alias('h', 'help')`, `.alias('V', 'version')`). */
const GLOBAL_OPTIONS: Record<string, RecordedOption> = {
  help: { type: 'boolean', alias: 'h' },
  version: { type: 'boolean', alias: 'V' },
};

/** Parse `argv` for one of `commands` as yargs would, or null when yargs must take it. */
export function parseFast(argv: readonly string[], commands: readonly CommandModule[], scriptName = 'stridebench'): FastParse | null {
  const name = argv[0];
  if (name === undefined || name.startsWith('-') || argv.includes('--')) return null;
  const command = commands.find((c) => commandName(c.command) === name);
  if (!command) return null;
  const recorded = record(command);
  if (recorded.unsupported) return null;

  const options = parserOptions(recorded);
  const parsed = detailed(argv, options, true);
  if (parsed === null) return null;
  const args = parsed.argv as Record<string, unknown>;
  if (args.help !== undefined || args.version !== undefined) return null;

  const known = new Set<string>(['_', '$0', '--']);
  for (const key of [...recorded.options.keys(), ...recorded.positionals.map((p) => p.name)]) {
    known.add(key);
    for (const alias of parsed.aliases[key] ?? []) known.add(alias);
    known.add(parser.camelCase(key));
  }
  // yargs --strict: an option nobody declared is an error, which yargs words.
  for (const key of Object.keys(args)) if (!known.has(key)) return null;
  const dashDash = args['--'];
  if (Array.isArray(dashDash) && dashDash.length > 0) return null;
  delete args['--'];

  const words = (args._ as unknown[]).map(String);
  if (words[0] !== name) return null;
  const rest = words.slice(1);
  const positionalValues = new Map<string, string[]>();
  for (const p of recorded.positionals) {
    if (p.variadic) positionalValues.set(p.name, rest.splice(0));
    else if (rest.length > 0) positionalValues.set(p.name, [rest.shift()!]);
    if (p.demanded && (positionalValues.get(p.name)?.length ?? 0) === 0) return null;
  }
  if (rest.length > 0) return null;

  // yargs re-parses each positional as `--name value`, so it gets the option's type and aliases.
  const unparsed: string[] = [];
  for (const [key, values] of positionalValues) for (const value of values) unparsed.push(`--${key}`, value);
  if (unparsed.length > 0) {
    const again = detailed(unparsed, options, false);
    if (again === null) return null;
    const positionalKeys = new Set<string>();
    for (const key of positionalValues.keys()) {
      positionalKeys.add(key);
      for (const alias of again.aliases[key] ?? []) positionalKeys.add(alias);
    }
    for (const [key, value] of Object.entries(again.argv)) if (positionalKeys.has(key)) args[key] = value;
  }
  args._ = [name];
  args.$0 = scriptName;

  for (const [key, option] of recorded.options) {
    const value = args[key];
    if (option.choices && value !== undefined && ![value].flat().every((v) => option.choices!.includes(v))) return null;
    if (option.demandOption && value === undefined) return null;
  }
  for (const [a, b] of recorded.conflicts) if (args[a] !== undefined && args[b] !== undefined) return null;
  const repeated = repeatedOption(args, [...recorded.options.keys()], options.array);
  if (repeated !== null) throw new UsageError(repeatedMessage(repeated));
  return { command, args };
}

/** yargs-parser as yargs calls it ('populate--' on the first pass, positionals kept as strings); null on any parser error. */
function detailed(argv: readonly string[], options: ReturnType<typeof parserOptions>, populateDashDash: boolean) {
  try {
    const parsed = parser.detailed(argv.slice(), { ...options, configuration: { 'parse-positional-numbers': false, 'populate--': populateDashDash } });
    return parsed.error ? null : parsed;
  } catch {
    // e.g. a `normalize` option given twice: yargs-parser throws, and runYargs words it.
    return null;
  }
}

/**
 * The first option given more than once that takes one value. yargs would hand the handler
 * an array (`--output a --output b`), which no handler expects, so both paths refuse it.
 */
export function repeatedOption(args: Record<string, unknown>, keys: readonly string[], arrayKeys: readonly string[]): string | null {
  for (const key of keys) if (!arrayKeys.includes(key) && Array.isArray(args[key])) return key;
  return null;
}

export function repeatedMessage(key: string): string {
  return `--${key} was given more than once; give it once`;
}

function commandName(spec: string): string {
  return spec.split(/\s+/)[0]!;
}

function parserOptions(recorded: RecordedCommand) {
  const options = {
    alias: {} as Record<string, string[]>,
    array: [] as string[],
    boolean: [] as string[],
    number: [] as string[],
    string: [] as string[],
    normalize: [] as string[],
    default: {} as Record<string, unknown>,
    // yargs lists every declared key here; the parser gives each its camelCase alias from it.
    key: {} as Record<string, boolean>,
  };
  const all: [string, RecordedOption][] = [...Object.entries(GLOBAL_OPTIONS), ...recorded.options];
  for (const [key, o] of all) {
    options.key[key] = true;
    if (o.alias !== undefined) options.alias[key] = ([] as string[]).concat(o.alias);
    if (o.array) options.array.push(key);
    if (o.type === 'boolean') options.boolean.push(key);
    if (o.type === 'number') options.number.push(key);
    if (o.type === 'string') options.string.push(key);
    if (o.normalize) options.normalize.push(key);
    if (o.default !== undefined) options.default[key] = o.default;
  }
  return options;
}

/** Run a command's builder against a stand-in for yargs that writes down what it declares. */
function record(command: CommandModule): RecordedCommand {
  const positionals = parsePositionals(command.command);
  const recorded: RecordedCommand = {
    name: commandName(command.command),
    positionals: positionals ?? [],
    options: new Map(),
    conflicts: [],
    unsupported: positionals === null,
  };
  const declare = (key: string, spec: RecordedOption, allowed: readonly string[]) => {
    if (Object.keys(spec).some((k) => !allowed.includes(k))) recorded.unsupported = true;
    recorded.options.set(key, spec);
  };
  const recorder: Record<string, (...args: never[]) => unknown> = {
    option: (key: string, spec: RecordedOption = {}) => {
      declare(key, spec, ['type', 'alias', 'array', 'normalize', 'default', 'choices', 'describe', 'demandOption']);
      return proxy;
    },
    // yargs declares a positional as an option of the same name: both parses see its type.
    positional: (key: string, spec: RecordedOption = {}) => {
      if (!recorded.positionals.some((p) => p.name === key)) recorded.unsupported = true;
      const { demandOption: _demanded, ...rest } = spec;
      declare(key, rest, ['type', 'array', 'normalize', 'describe']);
      return proxy;
    },
    conflicts: (a: string, b: string) => {
      recorded.conflicts.push([a, b]);
      return proxy;
    },
    example: () => proxy,
  };
  const proxy: object = new Proxy(recorder, {
    get(target, prop) {
      if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(target, prop)) return target[prop];
      // A yargs feature the recorder does not model: yargs handles the whole command line.
      recorded.unsupported = true;
      return () => proxy;
    },
  });
  try {
    command.builder(proxy as never);
  } catch {
    recorded.unsupported = true;
  }
  return recorded;
}

/** `report <file>`, `history <files..>`, `diff <before> <after>`, `[x]` optional; null if unreadable. */
function parsePositionals(spec: string): RecordedCommand['positionals'] | null {
  const out: RecordedCommand['positionals'] = [];
  for (const word of spec.trim().split(/\s+/).slice(1)) {
    const m = /^([<[])([\w-]+)(\.\.)?[>\]]$/.exec(word);
    if (!m) return null;
    out.push({ name: m[2]!, demanded: m[1] === '<', variadic: m[3] !== undefined });
  }
  return out;
}
