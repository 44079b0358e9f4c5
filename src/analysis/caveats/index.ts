/**
 * Every caveat rule, in the order they run. Order matters: a later rule sees (and may
 * override) the verdicts of earlier ones, so general rules come first and the rules that
 * must have the last word — a swarm node, no running containers — come last.
 * A new caveat = one file in this folder + one line here + its entry in docs/caveats.md.
 */
import { abPair } from './ab-pair.js';
import { auditCommandFailed } from './audit-command-failed.js';
import { auditDidNotRun } from './audit-did-not-run.js';
import { auditRules } from './audit-rules.js';
import { coarseFileCheck } from './coarse-file-check.js';
import { contentTrust } from './content-trust.js';
import { dashShell } from './dash-shell.js';
import { hostChecks } from './host-checks.js';
import { hostNetworkPorts } from './host-network-ports.js';
import { imageHistory } from './image-history.js';
import { liveRestoreSwarm } from './live-restore-swarm.js';
import { macConfinement } from './mac-confinement.js';
import { manualChecks } from './manual-checks.js';
import { noImages } from './no-images.js';
import { noNewPrivilegesOptOut } from './no-new-privileges-opt-out.js';
import { noRunningContainers } from './no-running-containers.js';
import { numbering } from './numbering.js';
import { obsoleteStorageDriver } from './obsolete-storage-driver.js';
import { partialRun } from './partial-run.js';
import { privilegedContainer } from './privileged-container.js';
import { remoteLogging } from './remote-logging.js';
import { restartPolicy } from './restart-policy.js';
import { rootless } from './rootless.js';
import type { CaveatRule } from './rule.js';
import { scanVisibility } from './scan-visibility.js';
import { scannerContainer } from './scanner-container.js';
import { seccompInfo } from './seccomp-info.js';
import { singleSource } from './single-source.js';
import { skippedCheck } from './skipped-check.js';
import { socketMount } from './socket-mount.js';
import { sshdHostPid } from './sshd-host-pid.js';
import { swarmInactive } from './swarm-inactive.js';
import { swarmNode } from './swarm-node.js';
import { targetNotFound } from './target-not-found.js';
import { tlsDetection } from './tls-detection.js';
import { unknownControl } from './unknown-control.js';
import { usernsRemap } from './userns-remap.js';
import { versionCheck } from './version-check.js';

export type { CaveatRule, RuleEffect } from './rule.js';

export const CAVEAT_RULES: readonly CaveatRule[] = [
  // The run as a whole.
  numbering,
  partialRun,
  unknownControl,
  // What a raw status means at all.
  manualChecks,
  targetNotFound,
  skippedCheck,
  auditDidNotRun,
  // Checks judged together or against what the scanner could see.
  abPair,
  scanVisibility,
  auditCommandFailed,
  auditRules,
  contentTrust,
  versionCheck,
  obsoleteStorageDriver,
  hostChecks,
  dashShell,
  singleSource,
  tlsDetection,
  remoteLogging,
  seccompInfo,
  coarseFileCheck,
  imageHistory,
  noImages,
  // Section 5, container by container.
  scannerContainer,
  privilegedContainer,
  macConfinement,
  restartPolicy,
  hostNetworkPorts,
  sshdHostPid,
  socketMount,
  noNewPrivilegesOptOut,
  // Host-wide facts that override what came before.
  usernsRemap,
  rootless,
  swarmInactive,
  swarmNode,
  liveRestoreSwarm,
  noRunningContainers,
];
