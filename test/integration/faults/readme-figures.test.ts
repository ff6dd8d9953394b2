/**
 * The README's "Under failure" figures, counted from the fault suite's tables: the README
 * must say exactly these lines' figures, so a new row changes the README in the same change.
 */
import { readFileSync } from 'node:fs';
import type { FaultService } from '../../../src/sim/index.js';
import { FAULT_ROWS, FUZZ_CLICKS, FUZZ_SUBMISSIONS, faultsPerService } from './fault-table.js';
import { JOB_FAULT_ROWS } from './job-fault-rows.js';
import { KILL_JOBS, KILL_ROWS } from './kill-rows.js';
import { SLACK_FAULT_ROWS } from './slack-fault-rows.js';

const LABELS: Record<FaultService, string> = {
  keystone: 'Keystone',
  magnum: 'Magnum',
  heat: 'Heat',
  octavia: 'Octavia',
  neutron: 'Neutron',
  nova: 'Nova',
  cinder: 'Cinder',
  kube: 'Kubernetes API',
};

function perService(counts: Partial<Record<FaultService, number>>): string {
  const parts = (Object.keys(LABELS) as FaultService[]).map((s) => `${LABELS[s]} ${counts[s] ?? 0}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${parts.join(', ')} (${total} in all)`;
}

// Jest runs from the repository root.
const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
const underFailure = readme.slice(readme.indexOf('### Under failure'));

it('quotes the faults per service of the client table', () => {
  expect(underFailure).toContain(`Faults per service: ${perService(faultsPerService(FAULT_ROWS))}.`);
});

it('quotes the jobs run under a fault, per service', () => {
  const counts: Partial<Record<FaultService, number>> = {};
  for (const row of JOB_FAULT_ROWS) counts[row.service] = (counts[row.service] ?? 0) + 1;
  expect(underFailure).toContain(`Jobs run under a fault: ${perService(counts)}.`);
});

it('quotes the fuzz inputs tried', () => {
  expect(underFailure).toContain(
    `Fuzz inputs tried: ${FUZZ_CLICKS} clicks and ${FUZZ_SUBMISSIONS} form submissions (${FUZZ_CLICKS + FUZZ_SUBMISSIONS} in all).`,
  );
});

it('quotes the Slack Web API faults', () => {
  const count = (kind: string) => SLACK_FAULT_ROWS.filter((r) => r.kind === kind).length;
  expect(underFailure).toContain(
    `Slack faults: 429 ${count('429')}, 5xx ${count('5xx')}, late answer ${count('late')} (${SLACK_FAULT_ROWS.length} in all).`,
  );
});

it('sums the suite up in one line', () => {
  const perService = Object.values(faultsPerService(FAULT_ROWS));
  const faults = perService.reduce((a, b) => a + b, 0);
  const clicks = FUZZ_CLICKS + FUZZ_SUBMISSIONS;
  expect(underFailure).toContain(
    `Fault suite: ${faults} client faults over ${perService.length} services, ${JOB_FAULT_ROWS.length} jobs run under a fault, ${SLACK_FAULT_ROWS.length} Slack Web API faults, ${clicks} fuzz inputs.`,
  );
});

it('quotes the kills survived per job type', () => {
  const parts = KILL_JOBS.map((job) => `${job} ${KILL_ROWS.filter((row) => row.job === job).length}`);
  expect(underFailure).toContain(`Kills survived per job type: ${parts.join(', ')} (${KILL_ROWS.length} in all).`);
});
