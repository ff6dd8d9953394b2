import type { NodeConsole } from '../../../../src/core/snapshot.js';
import { CONSOLE_SIGNATURES, matchSignatures } from '../../../../src/diagnostics/console-signatures.js';
import { nodeConsole } from '../../../../src/diagnostics/rules/node-console.js';
import { aCluster, aSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const BOOT = [
  '[    3.400000] systemd[1]: Set hostname to <dev-a-abc-master-0>.',
  '[   31.770000] systemd[1]: Started heat-container-agent.service - Run heat-container-agent.',
];
const LINES = {
  agent: '[  416.020000] systemd[1]: heat-container-agent.service: Main process exited, code=exited, status=1/FAILURE',
  agentError:
    '[  415.880000] heat-container-agent[1621]: ERROR os-refresh-config: configure-kubernetes-master.sh failed: exited with status 1',
  cloudInit:
    '[  201.120000] cloud-init[1342]: 2026-11-21 12:56:21,120 - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)',
  etcd: '[   68.000000] etcd[1702]: {"level":"warn","msg":"discovery: cluster status check: error connecting to https://discovery.etcd.io/[redacted], retrying in 2s"}',
  disk: '[  778.400000] containerd[1288]: level=error msg="failed to write layer" error="write /var/lib/containerd/ingest/data: no space left on device"',
  kubelet: "[  779.060000] systemd[1]: kubelet.service: Failed with result 'exit-code'.",
};

const consoleOf = (lines: string[], reason: NodeConsole['reason'] = 'create-failed', server = 'dev-a-abc-master-0'): NodeConsole => ({
  server,
  serverId: 'f1212e47-d7e4-537e-ae53-e84d89774cee',
  reason,
  lines: [...BOOT, ...lines],
});
const snapshotWith = (consoles: NodeConsole[], status = 'CREATE_FAILED') => aSnapshot({ cluster: aCluster({ status }), consoles });

describe('node-console', () => {
  it.each([
    [
      'heat-container-agent failed on a failed create',
      [LINES.agentError, LINES.agent],
      'create-failed',
      ['critical'],
      ['heat-container-agent'],
    ],
    ['cloud-init failed', [LINES.cloudInit], 'create-failed', ['critical'], ['cloud-init']],
    ['etcd discovery errors while the create hangs', [LINES.etcd], 'create-in-progress', ['warning'], ['etcd-discovery']],
    [
      'a full disk and the kubelet failing on a NotReady node',
      [LINES.disk, LINES.kubelet],
      'node-not-ready',
      ['warning'],
      ['disk-full', 'kubelet'],
    ],
  ] as const)('finds %s', (_case, lines, reason, expected, ids) => {
    const findings = runRule(nodeConsole, snapshotWith([consoleOf([...lines], reason)]));
    expect(severities(findings)).toEqual(expected);
    expect(findings[0]?.evidence.map((e) => e.split(':')[0])).toEqual(
      ids.flatMap((id) => lines.filter((l) => matchSignatures([l])[0]?.signature.id === id).map(() => id)),
    );
    expect(findings[0]?.objects).toEqual(['openstack/Server/dev-a-abc-master-0']);
    expect(findings[0]?.reference?.url).toMatch(
      /^https:\/\/github\.com\/openstack\/magnum\/blob\/[0-9a-f]{40}\/doc\/source\/admin\/troubleshooting-guide\.rst#/,
    );
  });

  it('quotes the lines that matter, not the boot around them', () => {
    const [finding] = runRule(nodeConsole, snapshotWith([consoleOf([LINES.agentError, LINES.agent])]));
    expect(finding?.evidence).toEqual([`heat-container-agent: ${LINES.agentError}`, `heat-container-agent: ${LINES.agent}`]);
    expect(finding?.title).toBe(
      'Console of dev-a-abc-master-0: heat-container-agent failed: the node’s software deployment did not finish',
    );
  });

  it.each([
    ['no console was read', []],
    ['a console with a clean boot only', [consoleOf([])]],
    [
      'a console whose agent only logs progress',
      [consoleOf(['[   44.600000] heat-container-agent[1621]: INFO os-refresh-config: Completed phase configure'])],
    ],
  ])('stays quiet when %s', (_case, consoles) => {
    expect(runRule(nodeConsole, snapshotWith(consoles))).toEqual([]);
  });

  it('judges evidence only: a console read 1 min into a young create already names etcd discovery', () => {
    const young = aSnapshot({
      cluster: aCluster({ status: 'CREATE_IN_PROGRESS' }),
      consoles: [consoleOf([LINES.etcd], 'create-in-progress')],
    });
    expect(severities(runRule(nodeConsole, young))).toEqual(['warning']);
  });

  it.each([
    ['a failed create', snapshotWith([consoleOf([LINES.agent])])],
    ['a NotReady node', snapshotWith([consoleOf([LINES.disk], 'node-not-ready')], 'UPDATE_COMPLETE')],
  ])('finds the same under clock skew with %s', (_case, snapshot) => {
    expectSameUnderSkew(nodeConsole, snapshot);
  });

  it('has one signature per failure kind the issue names', () => {
    expect(CONSOLE_SIGNATURES.map((s) => s.id).sort()).toEqual([
      'cloud-init',
      'disk-full',
      'etcd-discovery',
      'heat-container-agent',
      'kubelet',
    ]);
  });
});
