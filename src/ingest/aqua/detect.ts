/**
 * How sure we are that an input's head is each of the four aquasecurity formats
 * (docker-bench and kube-bench, text and JSON); the four readers' `detect` ask here.
 */
import { stripAnsi } from '../decode.js';
import { isDockerBanner, looksLikeCheckId, parseBlockHeader, parseStatusLine } from './grammar.js';
import { startsJson } from './json.js';
import { kubeSectionTitles } from './numbering.js';

export interface AquaDetection {
  dockerText: number;
  kubeText: number;
  dockerJson: number;
  kubeJson: number;
}

const DOCKER_WORDS = ['docker', 'container', 'swarm', 'daemon', 'image', 'registry', 'seccomp', 'apparmor', 'selinux', 'ulimit', 'cgroup'];
const KUBE_WORDS = ['kube', 'api server', 'apiserver', 'etcd', 'scheduler', 'controller manager', 'rbac', 'cluster-admin', 'service account', 'pod', 'admission', 'cni', 'worker node', 'master node', 'control plane', 'node configuration', 'tls-cert', 'anonymous-auth'];
// Words that appear in both tools' titles ("containers" in pod security policies): weight docker ones only when unambiguous.
const STRONG_DOCKER = ['docker', 'swarm', 'dockerfile', 'containerd', 'userland proxy', 'live restore'];

let lastHead: string | null = null;
let lastDetection: AquaDetection | null = null;

/** How sure we are that `head` is each of the four aqua formats (memoised: every reader asks). */
export function detectAqua(head: string): AquaDetection {
  if (head === lastHead && lastDetection) return lastDetection;
  const result = detectUncached(head);
  lastHead = head;
  lastDetection = result;
  return result;
}

function detectUncached(head: string): AquaDetection {
  const none: AquaDetection = { dockerText: 0, kubeText: 0, dockerJson: 0, kubeJson: 0 };
  const lines = head.split('\n', 4000);
  // JSON: the first line that starts with { or [ (stray lines before it are tolerated).
  let jsonStart = -1;
  let strayBefore = 0;
  for (let i = 0; i < lines.length && i < 50; i++) {
    const t = lines[i]!.trim();
    if (t.length === 0) continue;
    if (startsJson(t, 0)) {
      jsonStart = i;
      break;
    }
    strayBefore++;
    if (strayBefore > 5) break;
  }
  if (jsonStart >= 0) return { ...none, ...detectJson(lines.slice(jsonStart).join('\n'), strayBefore) };
  return { ...none, ...detectText(lines) };
}

function detectJson(text: string, strayBefore: number): Pick<AquaDetection, 'dockerJson' | 'kubeJson'> {
  if (text.includes('"dockerbenchsecurity"')) return { dockerJson: 0, kubeJson: 0 };
  const has = (s: string) => text.includes(s);
  const modern = has('"test_number"') || has('"test_desc"');
  const goNames = has('"Groups"') && has('"Checks"') && (has('"State"') || has('"Remediation"'));
  if (!modern && !goNames && !has('"Controls"')) return { dockerJson: 0, kubeJson: 0 };
  const lower = text.slice(0, 200_000).toLowerCase();
  const dockerHits = countWords(lower, STRONG_DOCKER);
  const kubeHits = countWords(lower, ['kubelet', 'apiserver', 'api server', 'etcd', 'kubernetes', 'kubeconfig', 'node_type']);
  const penalty = strayBefore > 0 ? 0.05 : 0;
  let docker = 0;
  let kube = 0;
  if (has('"Controls"') && (has('"Totals"') || has('"node_type"'))) kube = 0.97;
  else if (has('"node_type"')) kube = 0.95;
  if (has('CIS Docker') || has('"DefinedConstraints"')) docker = 0.95;
  if (docker === 0 && kube === 0) {
    const base = modern ? 0.8 : 0.75;
    if (kubeHits > dockerHits) kube = base;
    else docker = base;
  }
  return { dockerJson: Math.max(0, docker - penalty), kubeJson: Math.max(0, kube - penalty) };
}

function countWords(lower: string, words: readonly string[]): number {
  let n = 0;
  for (const w of words) {
    let at = lower.indexOf(w);
    while (at >= 0 && n < 10_000) {
      n++;
      at = lower.indexOf(w, at + w.length);
    }
  }
  return n;
}

const DBS_ITEM = /^\[(?:INFO|WARN|PASS|NOTE)\] \S{1,20}\s{1,8}- /;

function detectText(lines: readonly string[]): Pick<AquaDetection, 'dockerText' | 'kubeText'> {
  const kubeTitles = kubeSectionTitles();
  let aquaLines = 0;
  let dbsLines = 0;
  let dockerBanner = false;
  let kubeMarkers = 0;
  let blocks = 0;
  let failLines = 0;
  let dockerWords = 0;
  let kubeWords = 0;
  let markdown = false;
  for (const raw of lines) {
    const line = stripAnsi(raw).replace(/\r$/, '');
    if (line.length > 4000) continue;
    if (line.startsWith('```') || line.startsWith('~~~') || /^#{1,6} \S/.test(line)) markdown = true;
    if (line.startsWith('# Docker Bench for Security') || line.startsWith('Initializing ') || line.startsWith('[NOTE]') || /^\[INFO\] Checks: \d/.test(line)) {
      dbsLines += 3;
      continue;
    }
    if (DBS_ITEM.test(line)) {
      dbsLines++;
      continue;
    }
    const block = parseBlockHeader(line.trim());
    if (block) {
      blocks++;
      if (block.label !== null) kubeMarkers++;
      continue;
    }
    const s = parseStatusLine(line);
    if (!s) continue;
    if (isDockerBanner(s)) {
      dockerBanner = true;
      continue;
    }
    if (!looksLikeCheckId(s.id)) continue;
    aquaLines++;
    if (s.status === 'FAIL') failLines++;
    const title = s.text.toLowerCase();
    if (!s.id.includes('.') && kubeTitles.has(title)) kubeMarkers++;
    const docker = STRONG_DOCKER.some((w) => title.includes(w)) || DOCKER_WORDS.some((w) => title.includes(w));
    const kube = KUBE_WORDS.some((w) => title.includes(w));
    if (kube) kubeWords++;
    else if (docker) dockerWords++;
  }
  if (aquaLines === 0 && !dockerBanner && blocks === 0) return { dockerText: 0, kubeText: 0 };
  const verdict = textVerdict(aquaLines, dbsLines, failLines, dockerBanner, kubeMarkers, blocks, dockerWords, kubeWords);
  // Fences and headings: a Markdown write-up quoting the output. We can read its lines, but
  // the Markdown reader (which unwraps fences and quotes first) should get it.
  if (markdown) return { dockerText: Math.min(verdict.dockerText, 0.6), kubeText: Math.min(verdict.kubeText, 0.6) };
  return verdict;
}

function textVerdict(
  aquaLines: number,
  dbsLines: number,
  failLines: number,
  dockerBanner: boolean,
  kubeMarkers: number,
  blocks: number,
  dockerWords: number,
  kubeWords: number,
): Pick<AquaDetection, 'dockerText' | 'kubeText'> {
  // docker-bench-security prints `[INFO] 1.1  - Title`, never [FAIL]; a log of it is not ours.
  if (dbsLines > aquaLines + failLines) return { dockerText: 0.1, kubeText: 0.05 };
  if (dockerBanner) return { dockerText: 0.95, kubeText: 0.2 };
  if (kubeMarkers > 0) return { dockerText: 0.2, kubeText: 0.95 };
  const base = Math.min(0.9, 0.6 + 0.02 * aquaLines + (blocks > 0 ? 0.1 : 0));
  if (kubeWords > dockerWords) return { dockerText: 0.3, kubeText: base };
  if (dockerWords > kubeWords) return { dockerText: base, kubeText: 0.3 };
  return { dockerText: base, kubeText: Math.max(0, base - 0.1) };
}
