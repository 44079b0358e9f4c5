/**
 * GitHub code scanning's own rules for uploaded SARIF, beyond the official schema
 * (../shared/reference/conventions.md §11.1, GitHub docs "SARIF support for code scanning").
 * Returns every problem found, so a failing test names them all.
 */
import { gzipSync } from 'node:zlib';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const LEVELS = new Set(['none', 'note', 'warning', 'error']);
const PRECISIONS = new Set(['very-high', 'high', 'medium', 'low']);

export function githubSarifProblems(text: string): string[] {
  const problems: string[] = [];
  const log: Json = JSON.parse(text);
  const gzipped = gzipSync(Buffer.from(text, 'utf8')).length;
  if (gzipped > 10 * 1024 * 1024) problems.push(`gzipped size ${gzipped} exceeds 10 MB`);
  if (log.version !== '2.1.0') problems.push('version is not 2.1.0');
  if (typeof log.$schema !== 'string') problems.push('no $schema');
  if (!Array.isArray(log.runs)) return [...problems, 'no runs array'];
  if (log.runs.length > 20) problems.push(`${log.runs.length} runs (max 20)`);
  const categories = new Set<string>();
  log.runs.forEach((run: Json, r: number) => {
    const at = `runs[${r}]`;
    const driver = run.tool?.driver;
    if (!driver?.name) problems.push(`${at}: tool.driver.name missing`);
    if (!driver?.version && !driver?.semanticVersion) problems.push(`${at}: tool.driver needs version or semanticVersion`);
    if (!driver?.informationUri) problems.push(`${at}: tool.driver.informationUri missing`);
    const category = run.automationDetails?.id;
    if (typeof category !== 'string' || category === '') problems.push(`${at}: automationDetails.id missing`);
    else if (categories.has(category)) problems.push(`${at}: automationDetails.id ${category} repeats (same category overwrites)`);
    else categories.add(category);
    const rules: Json[] = driver?.rules ?? [];
    if (rules.length > 25_000) problems.push(`${at}: ${rules.length} rules (max 25,000)`);
    const ruleIds = new Set<string>();
    rules.forEach((rule: Json, i: number) => {
      const where = `${at}.rules[${i}] (${rule.id})`;
      if (typeof rule.id !== 'string' || rule.id === '') problems.push(`${where}: no id`);
      if (ruleIds.has(rule.id)) problems.push(`${where}: duplicate rule id`);
      ruleIds.add(rule.id);
      if (rule.name !== undefined && String(rule.name).length > 255) problems.push(`${where}: name longer than 255`);
      for (const d of ['shortDescription', 'fullDescription'] as const) {
        if (rule[d]?.text !== undefined && String(rule[d].text).length > 1024) problems.push(`${where}: ${d} longer than 1024`);
      }
      if (!rule.help?.markdown && !rule.help?.text) problems.push(`${where}: no help`);
      const level = rule.defaultConfiguration?.level;
      if (level !== undefined && !LEVELS.has(level)) problems.push(`${where}: bad defaultConfiguration.level ${level}`);
      const props = rule.properties ?? {};
      const tags: unknown = props.tags;
      if (!Array.isArray(tags)) problems.push(`${where}: no tags`);
      else {
        if (tags.length > 20) problems.push(`${where}: ${tags.length} tags (max 20)`);
        if (!tags.includes('security')) problems.push(`${where}: tags lack "security"`);
        if (tags.some((t) => typeof t !== 'string')) problems.push(`${where}: non-string tag`);
      }
      const severity = props['security-severity'];
      if (typeof severity !== 'string') problems.push(`${where}: security-severity must be a string`);
      else {
        const value = Number(severity);
        if (!(value >= 0.1 && value <= 10)) problems.push(`${where}: security-severity ${severity} outside 0.1–10`);
      }
      if (props.precision !== undefined && !PRECISIONS.has(props.precision)) problems.push(`${where}: bad precision ${props.precision}`);
    });
    if (!Array.isArray(run.results)) {
      problems.push(`${at}: no results array (upload-sarif rejects it)`);
      return;
    }
    if (run.results.length > 25_000) problems.push(`${at}: ${run.results.length} results (max 25,000)`);
    run.results.forEach((result: Json, i: number) => {
      const where = `${at}.results[${i}]`;
      if (!ruleIds.has(result.ruleId)) problems.push(`${where}: ruleId ${result.ruleId} is not a rule`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`${where}: ruleIndex does not point at its rule`);
      if (result.level !== undefined && !LEVELS.has(result.level)) problems.push(`${where}: bad level`);
      if (typeof result.message?.text !== 'string' || result.message.text.trim() === '') problems.push(`${where}: empty message`);
      const locations: Json[] = result.locations ?? [];
      if (locations.length < 1) problems.push(`${where}: no location (code scanning requires one)`);
      if (locations.length > 1000) problems.push(`${where}: more than 1,000 locations`);
      const uri = locations[0]?.physicalLocation?.artifactLocation?.uri;
      if (typeof uri !== 'string' || uri === '') problems.push(`${where}: first location has no physicalLocation.artifactLocation.uri`);
      else if (uri.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(uri)) problems.push(`${where}: uri ${uri} is not relative to the checkout`);
      if (!result.partialFingerprints || Object.keys(result.partialFingerprints).length === 0) problems.push(`${where}: no partialFingerprints`);
    });
  });
  return problems;
}
