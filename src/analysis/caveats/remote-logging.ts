/**
 * "Centralised logging" passes for any driver except json-file (caveats.md C-15). The
 * check WARNs only when `docker info` shows `json-file`; `local`, `journald` (same host)
 * and even `none` (no logs at all) PASS, while an agent that ships json-file logs off the
 * host WARNs. A PASS is UNVERIFIED unless the facts name a driver that can ship logs off
 * the host; with `none` it is a Repudiation FINDING.
 */
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

const REMOTE_DRIVERS = new Set(['fluentd', 'gelf', 'awslogs', 'splunk', 'gcplogs', 'logentries', 'syslog', 'etwlogs']);
const LOCAL_DRIVERS = new Set(['local', 'journald', 'json-file']);

export const remoteLogging: CaveatRule = {
  id: 'remote-logging',
  title: 'Remote logging passes for any driver but json-file',
  catalogue: ['C-15'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.first('remote-logging') !== undefined,
  apply(run) {
    const effects: RuleEffect[] = [];
    const driver = run.facts.loggingDriver?.toLowerCase();
    for (const d of run.withConcept('remote-logging')) {
      if (d.result.status !== 'PASS') continue;
      if (driver === 'none') {
        effects.push(note(d, `${label(d)} passes, but the logging driver is "none" (from the facts): containers keep no logs at all.`, 'FINDING'));
      } else if (driver === 'syslog') {
        const address = run.facts.loggingOptions?.['syslog-address'] ?? '';
        if (/^(tcp|udp|tcp\+tls):\/\//.test(address) && !/\/\/(localhost|127\.)/.test(address)) continue;
        effects.push(note(d, `${label(d)} passes with the syslog driver, but no remote syslog-address is set (from the facts): logs stay on the host. Unverified.`, 'UNVERIFIED'));
      } else if (driver !== undefined && REMOTE_DRIVERS.has(driver)) {
        continue;
      } else {
        const which = driver !== undefined && LOCAL_DRIVERS.has(driver) ? ` The driver is "${driver}", which keeps logs on the host.` : '';
        effects.push(
          note(
            d,
            `${label(d)} passes for every logging driver except json-file — including local, journald and none, which keep no logs off the host.${which} ` +
              `Unverified: check \`docker info -f '{{.LoggingDriver}}'\` and where the logs go.`,
            'UNVERIFIED',
          ),
        );
      }
    }
    return effects;
  },
};
