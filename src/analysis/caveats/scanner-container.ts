/**
 * The scanner's own container (caveats.md C-07). Run as a container, docker-bench-security
 * needs `--net host --pid host --userns host`, the audit capability and docker.sock, and
 * excludes itself from section 5 only when its image carries the expected label. A renamed
 * or relabelled scanner therefore reports itself in 5.4, 5.10, 5.16, 5.31, 5.32 and more.
 *
 * - A container whose name says so (`docker-bench`, `docker_bench_security`, …) is the
 *   scanner: it is not counted, and a check whose only item it was is SATISFIED.
 * - A container that shares the host network and PID namespaces and mounts docker.sock
 *   has the scanner's fingerprint but could be a monitoring agent (cAdvisor,
 *   portainer-agent): it is only labelled "possible scanner container; confirm".
 */
import { label, listOf, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';
import type { DraftResult, RunView } from '../run-view.js';

/** Container names that are the scanner itself. Bounded: no nested quantifiers. */
const SCANNER_NAME = /docker[-_.]?bench/i;

export function isScannerName(name: string): boolean {
  return SCANNER_NAME.test(name);
}

/** The container an item names: `web`, `web:/etc`, `web:80` → `web`. */
export function containerOfItem(item: string): string {
  const colon = item.indexOf(':');
  return colon > 0 ? item.slice(0, colon) : item;
}

export const scannerContainer: CaveatRule = {
  id: 'scanner-container',
  title: "The scanner's own container is flagged in section 5",
  catalogue: ['C-07'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && perContainer(run).some((d) => d.result.items.length > 0),
  apply(run) {
    const effects: RuleEffect[] = [];
    const named = new Set<string>();
    for (const d of perContainer(run)) {
      const containers = d.result.items.map(containerOfItem);
      const scanner = containers.filter(isScannerName);
      if (scanner.length === 0) continue;
      scanner.forEach((n) => named.add(n));
      const others = [...new Set(containers.filter((c) => !isScannerName(c)))];
      if (others.length === 0 && d.verdict === 'FINDING') {
        effects.push(note(d, `${label(d)} flags only ${listOf([...new Set(scanner)])}, the scanner's own container, which needs this access by design: satisfied for the workloads.`, 'SATISFIED'));
      } else {
        effects.push(note(d, `${listOf([...new Set(scanner)])} is the scanner's own container and is not counted; the result stands for ${listOf(others)}.`));
      }
    }
    if (named.size > 0) effects.push(runNote(`The scanner's own container (${listOf([...named])}) appears in the per-container checks; it was left out of the findings.`));
    effects.push(...fingerprint(run.withConcept('host-network'), run.withConcept('host-pid'), run.withConcept('docker-socket-mount')));
    return effects;
  },
};

/** Checks whose items are containers: section 5 and "a user for the container" (4.1). */
function perContainer(run: RunView): DraftResult[] {
  return run.drafts.filter((d) => d.area === 'runtime' || d.concept === 'container-user');
}

/** Containers in the host-network, host-PID and docker.sock lists at once, without a scanner name. */
function fingerprint(net: DraftResult[], pid: DraftResult[], sock: DraftResult[]): RuleEffect[] {
  const names = (ds: DraftResult[]) => new Set(ds.flatMap((d) => d.result.items.map(containerOfItem)));
  const inPid = names(pid);
  const inSock = names(sock);
  const suspects = [...names(net)].filter((n) => inPid.has(n) && inSock.has(n) && !isScannerName(n)).sort();
  if (suspects.length === 0) return [];
  return [...net, ...pid, ...sock]
    .filter((d) => d.result.items.some((i) => suspects.includes(containerOfItem(i))))
    .map((d) =>
      note(
        d,
        `${listOf(suspects)} shares the host network and PID namespaces and mounts docker.sock: the fingerprint of a possible scanner container. ` +
          `Confirm: monitoring agents (cAdvisor, portainer-agent) look the same and are real findings.`,
      ),
    );
}
