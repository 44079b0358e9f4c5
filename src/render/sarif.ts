/**
 * SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).
 *
 * Host configuration findings have no source file, which is what got peers' SARIF rejected
 * or their alerts duplicated on every upload. So every result is anchored on one stable
 * artifact path (a host-findings path of our own, or a repository file the user names with
 * `--sarif-location`), and identified by fingerprints computed from host + control + item,
 * never from file content. See docs/formats-output.md for the full mapping.
 *
 * Shape decisions:
 * - One SARIF run per host (`runAutomationDetails.id` = `stridebench/<host>/`): the last
 *   analysed run of each host, since code scanning tracks the current state and refuses two
 *   runs of one tool and category in one upload.
 * - One SARIF result per (control, item): the a/b halves of one control and duplicated
 *   printed lines collapse into one alert, each container of a per-container check is its
 *   own alert.
 * - Only FINDINGs by default; `sarifAll` adds every other verdict as a note, WAIVED ones
 *   with a suppression carrying the waiver's justification.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../model/errors.js';
import { VERDICTS, type AnalysedReport, type AnalysedResult, type AnalysedRun, type Severity, type Verdict } from '../model/report.js';
import { STRIDE_LABELS, type Control, type StrideCategory } from '../knowledge/types.js';
import { escapeJsonControls, firstLine, hostLabel, oneLine, toWellFormed, truncate } from './text.js';
import type { RenderOptions, Renderer } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://stridebench.dev/';
/** Key of our own fingerprint in `partialFingerprints`; bump the suffix if its input ever changes. */
export const FINGERPRINT_KEY = 'stridebench/v1';
/** Prefix of rule ids for results whose printed id matches no known control. */
export const UNKNOWN_RULE_PREFIX = 'stridebench.unknown/';
/** Directory of the default anchor path: `stridebench/<host>.findings`. */
export const DEFAULT_LOCATION_DIR = 'stridebench';

/** GitHub code scanning limits (docs "SARIF support for code scanning"). */
export const GITHUB_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  ruleNameLength: 255,
  descriptionLength: 1024,
} as const;

/** Our severity → GitHub `security-severity` (≥9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, ≤3.9 low). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Longest item text shown in a message; the fingerprint always uses the whole item. */
const MAX_ITEM_IN_MESSAGE = 256;
const MAX_MESSAGE_LENGTH = 4096;

interface SarifSettings {
  /** Artifact URI every result is anchored on; null = the per-host default. */
  location: string | null;
  all: boolean;
}

/** One alert to be: every printed result of one control on one item, in one run. */
interface Alert {
  ruleId: string;
  item: string | null;
  results: AnalysedResult[];
  verdict: Verdict;
  severity: Severity;
}

export const render: Renderer = (report, options) => {
  const settings = readSettings(options);
  const hosts = latestRunPerHost(report);
  if (hosts.length > GITHUB_LIMITS.runsPerFile) {
    throw new UsageError(
      `the report holds ${hosts.length} hosts; GitHub accepts at most ${GITHUB_LIMITS.runsPerFile} SARIF runs per file: render fewer runs at a time (--run N)`,
    );
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: hosts.map(({ host, run, earlierRuns }) => sarifRun(report, run, host, earlierRuns, settings)),
  };
  return `${escapeJsonControls(JSON.stringify(log, (_key, value: unknown) => (typeof value === 'string' ? toWellFormed(value) : value), 2))}\n`;
};

function readSettings(options: RenderOptions): SarifSettings {
  const location = options['sarifLocation'] ?? options['sarif-location'];
  const all = options['sarifAll'] ?? options['sarif-all'];
  if (location !== undefined && location !== null && typeof location !== 'string') {
    throw new UsageError('--sarif-location takes a file path relative to the repository root');
  }
  if (all !== undefined && typeof all !== 'boolean') throw new UsageError('--sarif-all takes no value');
  return { location: location ? repositoryUri(location) : null, all: all === true };
}

/**
 * A repository-relative path as a URI reference: forward slashes, no `./`, each segment
 * percent-encoded. Code scanning resolves it against the checkout, so an absolute path or
 * one leaving the repository would never match a file.
 */
export function repositoryUri(path: string): string {
  const segments = path.replaceAll('\\', '/').split('/').filter((s) => s !== '' && s !== '.');
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new UsageError(`--sarif-location ${JSON.stringify(path)} must be a path relative to the repository root (e.g. deploy/daemon.json)`);
  }
  if (segments.length === 0 || segments.includes('..')) {
    throw new UsageError(`--sarif-location ${JSON.stringify(path)} must name a file inside the repository`);
  }
  return segments.map((s) => encodeURIComponent(s)).join('/');
}

/**
 * A label (host, printed id) as one safe path segment (`[A-Za-z0-9._-]`, no leading dot). A
 * label that had to be changed gets a short hash of the original, so two labels never share
 * a segment.
 */
export function safeSegment(label: string): string {
  let safe = '';
  for (const ch of label) safe += /^[A-Za-z0-9._-]$/.test(ch) ? ch : '_';
  safe = safe.replace(/^\.+/, '_').slice(0, 100);
  if (safe === label) return safe;
  return `${safe || 'host'}-${sha256(label).slice(0, 8)}`;
}

interface HostRun {
  host: string;
  run: AnalysedRun;
  /** Earlier runs of the same host that the SARIF leaves out. */
  earlierRuns: number;
}

/** The last run of each host, hosts in order of first appearance. */
function latestRunPerHost(report: AnalysedReport): HostRun[] {
  const byHost = new Map<string, HostRun>();
  for (const run of report.runs) {
    const host = hostLabel(report, run);
    const seen = byHost.get(host);
    if (!seen) byHost.set(host, { host, run, earlierRuns: 0 });
    else if (run.index >= seen.run.index) byHost.set(host, { host, run, earlierRuns: seen.earlierRuns + 1 });
    else seen.earlierRuns++;
  }
  return [...byHost.values()];
}

export function ruleIdOf(result: AnalysedResult): string {
  return result.control ?? `${UNKNOWN_RULE_PREFIX}${safeSegment(result.id)}`;
}

/** sha256 hex of `host|rule|item`: the identity of an alert across runs. */
export function fingerprint(host: string, ruleId: string, item: string | null): string {
  return sha256(`${host}|${ruleId}|${item ?? ''}`);
}

function sarifRun(report: AnalysedReport, run: AnalysedRun, host: string, earlierRuns: number, settings: SarifSettings) {
  const alerts = groupAlerts(run).filter((a) => a.verdict === 'FINDING' || settings.all);
  if (alerts.length > GITHUB_LIMITS.resultsPerRun) {
    throw new UsageError(`host ${host} has ${alerts.length} SARIF results; GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} per run`);
  }
  const ruleIds = [...new Set(alerts.map((a) => a.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  // Grouped once: filtering the alerts and the results for every rule was quadratic (a run
  // of 5,000 checks no knowledge knows took 14 s, 20,000 six minutes).
  const alertsByRule = groupBy(alerts, (a) => a.ruleId);
  const resultsByRule = groupBy(run.results, ruleIdOf);
  const rules = ruleIds.map((id) => ruleFor(id, resultsByRule.get(id) ?? [], report.controls[id] ?? null, alertsByRule.get(id)!));
  const uri = settings.location ?? `${DEFAULT_LOCATION_DIR}/${safeSegment(host)}.findings`;
  return {
    tool: {
      driver: {
        name: 'stridebench',
        semanticVersion: report.generator.version,
        informationUri: INFORMATION_URI,
        rules,
        properties: { knowledgeVersion: report.generator.knowledgeVersion },
      },
    },
    automationDetails: { id: `stridebench/${safeSegment(host)}/` },
    results: alerts.map((a) => sarifResult(a, host, uri, ruleIndex.get(a.ruleId)!, report.controls[a.ruleId] ?? null)),
    properties: {
      host,
      input: { name: report.input.name, sha256: report.input.sha256, format: report.input.format },
      runIndex: run.index,
      earlierRunsOmitted: earlierRuns,
      scanner: { tool: run.tool, version: run.toolVersion, benchmark: run.benchmark },
      partial: run.partial,
      partialReasons: run.partialReasons,
      score: run.summary.score,
      generatedAt: report.generatedAt,
    },
  };
}

/** Printed results → alerts keyed by (rule, item), in the order they were printed. */
function groupAlerts(run: AnalysedRun): Alert[] {
  const byKey = new Map<string, { ruleId: string; item: string | null; results: AnalysedResult[] }>();
  for (const result of run.results) {
    const ruleId = ruleIdOf(result);
    const items = result.items.length > 0 ? result.items : [null];
    for (const item of items) {
      const key = `${ruleId}\u0000${item === null ? '\u0000' : `\u0001${item}`}`;
      const group = byKey.get(key);
      if (!group) byKey.set(key, { ruleId, item, results: [result] });
      // A result joins a group only while its own items are walked: checking the last one is enough.
      else if (group.results[group.results.length - 1] !== result) group.results.push(result);
    }
  }
  return [...byKey.values()].map((g) => {
    // The most pressing verdict speaks for the group (FINDING before WAIVED before SATISFIED).
    const verdict = VERDICTS.find((v) => g.results.some((r) => r.verdict === v))!;
    const deciding = g.results.filter((r) => r.verdict === verdict);
    const severity = deciding.map((r) => r.severity).reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a));
    return { ...g, verdict, severity };
  });
}

function sarifResult(alert: Alert, host: string, uri: string, ruleIndex: number, control: Control | null) {
  const hash = fingerprint(host, alert.ruleId, alert.item);
  const first = alert.results[0]!;
  const waiver = alert.results.find((r) => r.waiver !== null)?.waiver ?? null;
  const level: SarifLevel = alert.verdict === 'FINDING' || alert.verdict === 'WAIVED' ? LEVEL[alert.severity] : 'note';
  return {
    ruleId: alert.ruleId,
    ruleIndex,
    level,
    message: { text: messageText(alert, control) },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }],
    partialFingerprints: {
      [FINGERPRINT_KEY]: hash,
      // The only fingerprint code scanning itself reads. Without it upload-sarif hashes the
      // anchored file's line 1, which would merge every alert anchored on the same file.
      primaryLocationLineHash: `${hash.slice(0, 16)}:1`,
    },
    ...(alert.verdict === 'WAIVED' && waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: waiverText(waiver),
            },
          ],
        }
      : {}),
    properties: {
      verdict: alert.verdict,
      severity: alert.severity,
      stride: first.stride,
      item: alert.item === null ? null : truncate(alert.item, 1024),
      printed: alert.results.map((r) => ({ id: r.id, status: r.status, verdict: r.verdict, line: r.source.line })),
      caveats: unique(alert.results.flatMap((r) => r.caveats.map((c) => c.rule))),
      priority: alert.results.map((r) => r.priority).find((p) => p !== null) ?? null,
    },
  };
}

function waiverText(waiver: NonNullable<AnalysedResult['waiver']>): string {
  const parts = [waiver.reason];
  if (waiver.owner) parts.push(`owner: ${waiver.owner}`);
  parts.push(waiver.expires ? `expires: ${waiver.expires}` : 'no expiry');
  return parts.join('; ');
}

/** First sentence = the title (code scanning shows it as the alert's headline). */
function messageText(alert: Alert, control: Control | null): string {
  const first = alert.results[0]!;
  const title = oneLine(control?.title ?? first.title);
  const item = alert.item === null ? '' : ` [${truncate(oneLine(alert.item), MAX_ITEM_IN_MESSAGE)}]`;
  const parts = [`${title}${item}`];
  parts.push(`Verdict: ${alert.verdict} (${alert.severity} severity)`);
  if (first.stride.length > 0) parts.push(`STRIDE: ${first.stride.map((s) => STRIDE_LABELS[s]).join(', ')}`);
  const fix = control?.fix ? firstLine(control.fix.action) : first.remediation ? firstLine(first.remediation) : '';
  if (fix) parts.push(`Fix: ${fix}`);
  const caveats = unique(alert.results.flatMap((r) => r.caveats.map((c) => oneLine(c.message))));
  if (caveats.length > 0) parts.push(`Caveats: ${caveats.join(' / ')}`);
  if (alert.verdict === 'WAIVED') {
    const waiver = alert.results.find((r) => r.waiver)?.waiver;
    if (waiver) parts.push(`Waived: ${oneLine(waiverText(waiver))}`);
  }
  parts.push(`Printed as ${alert.results.map((r) => `${oneLine(r.id)} ${r.status}${r.source.line === null ? '' : ` (line ${r.source.line})`}`).join(', ')}`);
  return truncate(parts.map(sentence).join(' '), MAX_MESSAGE_LENGTH);
}

/**
 * `related`: every printed result of this rule in the run, not just the emitted ones — a
 * caveat on a passing half still says the check is unreliable on this host.
 */
function ruleFor(ruleId: string, related: readonly AnalysedResult[], control: Control | null, alerts: Alert[]) {
  const worst = alerts.map((a) => a.severity).reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a));
  const sample = related[0] ?? alerts[0]!.results[0]!;
  const precision = control === null || related.some((r) => r.verdict === 'UNVERIFIED') ? 'low' : related.some((r) => r.caveats.length > 0) ? 'medium' : 'high';
  const stride: StrideCategory[] = control ? [control.stride.primary, ...control.stride.secondary] : sample.stride;
  const sections = unique(related.map((r) => r.section).filter((s): s is string => s !== null));
  const tags = unique([
    'security',
    ...stride.map((s) => STRIDE_LABELS[s]),
    ...sections.map((s) => `CIS ${oneLine(s)}`),
    ...(control ? [control.platform, control.component] : []),
  ]).slice(0, GITHUB_LIMITS.tagsPerRule);
  const title = oneLine(control?.title ?? sample.title);
  return {
    id: ruleId,
    name: truncate(ruleName(control?.key ?? `unknown ${sample.id}`), GITHUB_LIMITS.ruleNameLength),
    shortDescription: { text: truncate(title || ruleId, GITHUB_LIMITS.descriptionLength) },
    fullDescription: {
      text: truncate(
        control ? control.rationale : `stridebench has no knowledge of check ${oneLine(sample.id)} (${title}); its verdict follows the scanner's status.`,
        GITHUB_LIMITS.descriptionLength,
      ),
    },
    help: control ? helpForControl(control) : helpForUnknown(sample),
    defaultConfiguration: { level: LEVEL[worst] },
    properties: {
      tags,
      'security-severity': SECURITY_SEVERITY[worst],
      precision,
      ...(control ? { cisReference: control.cisReference, scope: control.scope } : {}),
    },
  };
}

function helpForControl(control: Control): { text: string; markdown: string } {
  const stride = [`${STRIDE_LABELS[control.stride.primary]} (primary)`, ...control.stride.secondary.map((s) => STRIDE_LABELS[s])].join(', ');
  const md: string[] = [`**${markdownText(control.title)}** (${markdownText(control.cisReference)})`, '', markdownText(control.rationale), '', `**STRIDE:** ${stride}`];
  const text: string[] = [`${control.title} (${control.cisReference})`, '', control.rationale, '', `STRIDE: ${stride}`];
  const fix = control.fix;
  if (fix) {
    // The fix action is Markdown by contract (knowledge data, docs/stride.md), so it goes in as is.
    md.push('', '**Fix**', '', fix.action);
    text.push('', 'Fix:', fix.action);
    const specifics: [string, string][] = [];
    if (fix.daemonJson) specifics.push(['daemon.json', `"${fix.daemonJson.key}": ${fix.daemonJson.value}`]);
    if (fix.dockerdFlag) specifics.push(['dockerd flag', fix.dockerdFlag]);
    if (fix.runFlag) specifics.push(['docker run option', fix.runFlag]);
    if (fix.file) specifics.push(['file', [fix.file.path, fix.file.mode && `mode ${fix.file.mode}`, fix.file.owner && `owner ${fix.file.owner}`].filter(Boolean).join(', ')]);
    if (fix.k8sFlag) specifics.push([fix.k8sFlag.component, fix.k8sFlag.flag]);
    if (specifics.length > 0) {
      md.push('', ...specifics.map(([what, value]) => `- ${what}: ${codeSpan(value)}`));
      text.push('', ...specifics.map(([what, value]) => `- ${what}: ${value}`));
    }
    if (fix.exclusiveSources) {
      const note = 'Set it either as a dockerd flag or in daemon.json, never both: dockerd refuses to start when both are set.';
      md.push('', note);
      text.push('', note);
    }
    if (fix.impact) {
      md.push('', `**Impact:** ${markdownText(fix.impact)}`);
      text.push('', `Impact: ${fix.impact}`);
    }
    if (fix.verify) {
      md.push('', `**Verify:** ${codeSpan(fix.verify)}`);
      text.push('', `Verify: ${fix.verify}`);
    }
  }
  return { text: text.join('\n'), markdown: md.join('\n') };
}

function helpForUnknown(result: AnalysedResult): { text: string; markdown: string } {
  const intro = `stridebench has no knowledge of check ${oneLine(result.id)}; the scanner's own remediation follows, when it printed one.`;
  const remediation = result.remediation ?? 'The scanner printed no remediation.';
  return {
    text: `${result.title}\n\n${intro}\n\n${remediation}`,
    markdown: `**${markdownText(oneLine(result.title))}**\n\n${markdownText(intro)}\n\n${markdownText(remediation)}`,
  };
}

/** `docker.daemon.live-restore` → `DockerDaemonLiveRestore` (SARIF rule names are identifiers). */
function ruleName(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('') || 'Unknown';
}

/** Plain text inside Markdown: no raw HTML, no emphasis or link syntax from the input. */
function markdownText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '&') out += '&amp;';
    else if ('\\`*_[]#|'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** A code span that holds any text: the fence is longer than the longest backtick run inside. */
function codeSpan(text: string): string {
  const flat = oneLine(text);
  let longest = 0;
  let run = 0;
  for (const ch of flat) {
    run = ch === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Ends the text with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function sha256(text: string): string {
  return createHash('sha256').update(toWellFormed(text), 'utf8').digest('hex');
}

/** Items by key, in order; one pass. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
