import { REDACTED } from '../../../src/security/redact.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { bundleDigest } from '../../../src/tickets/bundle-digest.js';
import { BUNDLE_SECTIONS } from '../../../src/tickets/bundle-text.js';
import { bundleInput, SHOW_DUMP } from './bundle-fixtures.js';

describe('buildBundle', () => {
  const bundle = buildBundle(bundleInput());

  it('builds one for a cluster registered by kubeconfig: no Magnum parts, and it says why', () => {
    const kolla = buildBundle(
      bundleInput({ cluster: null, clusterName: 'kolla', showDump: null, template: null, failedHeatResources: [] }),
    );
    expect(kolla.title).toEqual('Kubernetes cluster kolla (registered by kubeconfig): support bundle');
    expect(kolla.json['cluster']).toEqual({ name: 'kolla', registered_by: 'kubeconfig' });
    expect(kolla.json['clusterShow']).toEqual('');
    expect(kolla.text).toContain('== Cluster (openstack coe cluster show) ==\n(not a Magnum cluster: registered by kubeconfig)');
    expect(kolla.text).toMatch(/Cluster: +kolla \(-\)\n.*\nStatus: +registered by kubeconfig: not a Magnum cluster\n/);
    expect((kolla.json['findings'] as unknown[]).length).toBe(1);
  });

  it('names the bundle after the cluster and the time', () => {
    expect(bundle.title).toEqual('Kubernetes cluster demo3-k8s (UPDATE_COMPLETE): support bundle');
    expect(bundle.filename).toEqual('kube-chatops-bundle-demo3-k8s-20261121T130500Z.txt');
  });

  it('has every section, in order', () => {
    const positions = BUNDLE_SECTIONS.map((title) => bundle.text.indexOf(`== ${title}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps the cluster show dump byte-identical apart from the redacted discovery_url', () => {
    const dumpLines = SHOW_DUMP.trimEnd().split('\n');
    const textLines = bundle.text.split('\n');
    const start = textLines.indexOf(dumpLines[0] ?? '');
    const shown = textLines.slice(start, start + dumpLines.length);
    const changed = dumpLines.flatMap((line, i) => (shown[i] === line ? [] : [[line, shown[i]]]));
    expect(changed).toEqual([
      [
        '| discovery_url        | http://127.0.0.1:15004/etcd-discovery/3a3f6f9721f245c58af09952c4e287fd                     |',
        `| discovery_url        | ${REDACTED.padEnd(90)} |`,
      ],
    ]);
  });

  it('shows the template, the finding with its evidence, the Heat failure, events and history', () => {
    expect(bundle.text).toContain('docker_storage_driver  overlay2');
    expect(bundle.text).toContain('1. [CRITICAL] Pods stuck in ContainerCreating for 25 minutes');
    expect(bundle.text).toContain('     - FailedMount: MountVolume.SetUp failed for volume "data"');
    expect(bundle.text).toContain('   Every object:\n     - default/Pod/web-1: ContainerCreating for 25m on node-1; FailedMount (1m ago)');
    expect(bundle.text).toContain('   Impact:\n     - default/Service/web (port 80/TCP): no ready pod behind it, connections fail\n');
    expect(bundle.text).toContain('   Reference:   Kolla README, Debugging (https://docs.example/kolla#debugging)');
    expect(bundle.text).toContain('- network/private_subnet  OS::Neutron::Subnet  DELETE_FAILED');
    expect(bundle.text).toContain('One or more ports have an IP allocation from this subnet.');
    expect(bundle.text).toContain('- 2026-11-21T12:50:00.000Z  U01ALICE  create demo3-k8s  [approved] -> CREATE_COMPLETE');
  });

  it('lists warning events newest first', () => {
    expect(bundle.text.indexOf('default/Pod/web-2  FailedMount')).toBeLessThan(bundle.text.indexOf('default/Pod/web-1  FailedMount'));
  });

  it('takes cluster and template fields from the allowlist only', () => {
    const cluster = bundle.json['cluster'] as Record<string, unknown>;
    const template = bundle.json['template'] as Record<string, unknown>;
    expect(Object.keys(cluster)).not.toEqual(expect.arrayContaining(['links']));
    for (const key of ['links', 'user_id', 'discovery_url']) expect(cluster).not.toHaveProperty(key);
    for (const key of ['links', 'user_id']) expect(template).not.toHaveProperty(key);
    expect(cluster['project_id']).toEqual('03d6df59bc7d4f8a9cba0d905a953ee8');
    expect(bundle.text).not.toContain('366ca29f183c4a2b9095fba1968f6349');
  });

  it('says so when a section is empty', () => {
    const empty = buildBundle(bundleInput({ template: null, findings: [], failedHeatResources: [], warningEvents: [], history: [] }));
    expect(empty.text).toContain('== Diagnosis (0, made at attach time: 2026-11-21T13:04:58.000Z) ==\n(none)');
    expect(empty.text).toContain('== Cluster template ==\n(none)');
  });

  it("says when its diagnosis was made, on the servers' clock, without that time changing its digest", () => {
    expect(bundle.json['diagnosedAt']).toBe('2026-11-21T13:04:58.000Z');
    expect(bundle.text).toContain('== Diagnosis (1, made at attach time: 2026-11-21T13:04:58.000Z) ==');
    const later = buildBundle(bundleInput({ diagnosedAt: Date.UTC(2026, 10, 21, 13, 9), generatedAt: Date.UTC(2026, 10, 21, 13, 10) }));
    expect(bundleDigest(later)).toBe(bundleDigest(bundle));
  });

  it('is the same for the same input', () => {
    expect(buildBundle(bundleInput())).toEqual(bundle);
  });
});
