/**
 * Run facts: what the scanner output cannot say about how it was produced (swarm role,
 * rootless daemon, shell, container form, root, dockerd's command line, a `docker info`
 * excerpt). Given with `--facts FILE.json` (format: docs/facts.md); they sharpen caveat
 * rules that the log alone cannot decide. Every field is optional: absent = unknown.
 */
import { InputError } from '../model/errors.js';

export type SwarmRole = 'inactive' | 'manager' | 'worker';

export interface RunFacts {
  /** Swarm state of the scanned node. */
  swarm?: SwarmRole;
  /** The daemon runs rootless (`docker info` SecurityOptions has `name=rootless`). */
  rootless?: boolean;
  /** Shell that ran docker-bench-security (`bash`, `dash`, `busybox`, …). */
  shell?: string;
  /** The scanner ran as a container (the README's `docker run … docker-bench-security`). */
  container?: boolean;
  /** The scanner ran as root (effective uid 0). */
  root?: boolean;
  /** `auditctl` was on the scanner's PATH. */
  auditctl?: boolean;
  /** `DOCKER_CONTENT_TRUST` as the scanner's environment had it (`1`, `0`, or empty). */
  contentTrust?: string;
  /** dockerd's full command line (`ps -o args= -C dockerd`). */
  dockerdCommandLine?: string;
  /** Docker Engine server version (`docker version -f '{{.Server.Version}}'`). */
  serverVersion?: string;
  /** Default logging driver (`docker info -f '{{.LoggingDriver}}'`). */
  loggingDriver?: string;
  /** Log options of that driver (`syslog-address` …), to tell a remote driver from a local one. */
  loggingOptions?: Record<string, string>;
  /** Linux security module in use on the host: `apparmor`, `selinux` or `none`. */
  lsm?: string;
  /** `/var` is on its own partition (explains a 1.1.1 WARN). */
  separateVarPartition?: boolean;
  /** Images that back running containers (`docker ps --format '{{.Image}}'`). */
  imagesInUse?: string[];
  /** Free-form note copied into the report. */
  note?: string;
}

/** The fields of a `docker info --format '{{json .}}'` excerpt we read. */
interface DockerInfoExcerpt {
  ServerVersion?: unknown;
  SecurityOptions?: unknown;
  Swarm?: unknown;
  LoggingDriver?: unknown;
}

type FieldKind = 'boolean' | 'string' | 'string-map' | 'string-list' | 'swarm';

const FIELDS: Readonly<Record<keyof RunFacts, FieldKind>> = {
  swarm: 'swarm',
  rootless: 'boolean',
  shell: 'string',
  container: 'boolean',
  root: 'boolean',
  auditctl: 'boolean',
  contentTrust: 'string',
  dockerdCommandLine: 'string',
  serverVersion: 'string',
  loggingDriver: 'string',
  loggingOptions: 'string-map',
  lsm: 'string',
  separateVarPartition: 'boolean',
  imagesInUse: 'string-list',
  note: 'string',
};

const SWARM_ROLES: readonly SwarmRole[] = ['inactive', 'manager', 'worker'];

/**
 * Parse and validate a facts file. Unknown keys are refused (a typo would silently do
 * nothing); `dockerInfo` may hold a raw `docker info --format '{{json .}}'` excerpt, from
 * which swarm, rootless, server version and logging driver are taken when not given.
 */
export function parseFacts(text: string, file: string): RunFacts {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // V8 quotes the input around the error, raw newlines included: keep the message one line.
    throw new InputError(`not valid JSON: ${(err as Error).message.replace(/[\r\n]+/g, ' ')}`, { file, line: jsonErrorLine(text, err) });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('a facts file holds one JSON object (see docs/facts.md)', { file, line: 1 });
  }
  const facts: RunFacts = {};
  const record = facts as Record<string, unknown>;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const line = lineOfKey(text, key);
    if (key === 'dockerInfo') continue;
    if (key === '$schema' || key === '$comment') continue;
    const kind = FIELDS[key as keyof RunFacts];
    if (kind === undefined) {
      throw new InputError(`unknown fact "${key}"; known facts: ${[...Object.keys(FIELDS), 'dockerInfo'].join(', ')}`, { file, line });
    }
    if (raw === null) continue;
    record[key] = checkField(key, kind, raw, file, line);
  }
  const info = (value as { dockerInfo?: unknown }).dockerInfo;
  if (info !== undefined && info !== null) {
    if (typeof info !== 'object' || Array.isArray(info)) {
      throw new InputError('"dockerInfo" must be an object (the output of docker info --format \'{{json .}}\')', { file, line: lineOfKey(text, 'dockerInfo') });
    }
    mergeDockerInfo(facts, info as DockerInfoExcerpt);
  }
  return facts;
}

function checkField(key: string, kind: FieldKind, raw: unknown, file: string, line: number | null): unknown {
  const fail = (expected: string): never => {
    throw new InputError(`"${key}" must be ${expected}`, { file, line });
  };
  switch (kind) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : fail('true or false');
    case 'string':
      return typeof raw === 'string' ? raw : fail('a string');
    case 'swarm':
      return typeof raw === 'string' && (SWARM_ROLES as readonly string[]).includes(raw) ? raw : fail(`one of ${SWARM_ROLES.join(', ')}`);
    case 'string-list':
      return Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? raw : fail('a list of strings');
    case 'string-map':
      return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.values(raw).every((x) => typeof x === 'string')
        ? raw
        : fail('an object whose values are strings');
  }
}

/** Fill what the facts do not say from a `docker info` excerpt (explicit facts win). */
function mergeDockerInfo(facts: RunFacts, info: DockerInfoExcerpt): void {
  if (facts.serverVersion === undefined && typeof info.ServerVersion === 'string') facts.serverVersion = info.ServerVersion;
  if (facts.loggingDriver === undefined && typeof info.LoggingDriver === 'string') facts.loggingDriver = info.LoggingDriver;
  if (Array.isArray(info.SecurityOptions)) {
    const options = info.SecurityOptions.filter((x): x is string => typeof x === 'string');
    if (facts.rootless === undefined) facts.rootless = options.some((o) => o.includes('name=rootless'));
    if (facts.lsm === undefined) {
      if (options.some((o) => o.includes('name=apparmor'))) facts.lsm = 'apparmor';
      else if (options.some((o) => o.includes('name=selinux'))) facts.lsm = 'selinux';
    }
  }
  if (facts.swarm === undefined && typeof info.Swarm === 'object' && info.Swarm !== null) {
    const swarm = info.Swarm as { LocalNodeState?: unknown; ControlAvailable?: unknown };
    if (swarm.LocalNodeState === 'inactive') facts.swarm = 'inactive';
    else if (swarm.LocalNodeState === 'active') facts.swarm = swarm.ControlAvailable === true ? 'manager' : 'worker';
  }
}

/** 1-based line of the first `"key":` in the text, for messages; null when not found. */
function lineOfKey(text: string, key: string): number | null {
  const at = text.indexOf(`${JSON.stringify(key)}`);
  return at < 0 ? null : lineAt(text, at);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** V8 says "… at position N" (or "line L column C"); turn that into a line. */
function jsonErrorLine(text: string, err: unknown): number | null {
  const message = (err as Error)?.message ?? '';
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch) return Number(lineMatch[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? lineAt(text, Number(pos[1])) : null;
}

/** Major version of a Docker Engine version string (`27.3.1`, `19.03.12`, `v25.0.0`), or null. */
export function engineMajor(version: string | undefined | null): number | null {
  if (!version) return null;
  const m = /^v?(\d{1,4})\./.exec(version.trim());
  return m ? Number(m[1]) : null;
}
