import { containerCreatingStuck } from '../../../../src/diagnostics/rules/container-creating-stuck.js';
import type { KEvent, KPod } from '../../../../src/core/kube-state.js';
import { aKubeState, aPod, aSnapshot, anEvent } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const stuck = (name: string, ageMinutes = 30) => aPod({ namespace: 'kube-system', name, status: 'ContainerCreating', ageMinutes });
const sandboxFailed = (name: string) =>
  anEvent(`kube-system/Pod/${name}`, {
    reason: 'FailedCreatePodSandBox',
    message: 'Failed create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container network',
    count: 3,
  });
const failedMount = (name: string) =>
  anEvent(`kube-system/Pod/${name}`, { reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "data"' });
const scheduled = (name: string) =>
  anEvent(`kube-system/Pod/${name}`, { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned', ageMinutes: 2 });

describe('container-creating-stuck', () => {
  const firing: [string, KPod[], KEvent[]][] = [
    ['one pod waiting 30 min with no event', [stuck('coredns-1')], []],
    ['five pods, one finding', [1, 2, 3, 4, 5].map((i) => stuck(`p-${i}`)), []],
    ['a pod waiting exactly the threshold', [stuck('coredns-1', 10)], []],
    ['a pod 2 min old whose sandbox fails (the event is the evidence)', [stuck('coredns-1', 2)], [sandboxFailed('coredns-1')]],
    ['a pod 1 min old whose volume fails to mount', [stuck('coredns-1', 1)], [failedMount('coredns-1')]],
  ];
  it.each(firing)('warns for %s', (_case, pods, events) => {
    expect(severities(runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods, events }) })))).toEqual(['warning']);
  });

  const quiet: [string, KPod[], KEvent[]][] = [
    ['all pods Running', [aPod(), aPod({ name: 'web-1' })], []],
    ['a pod creating for 3 min with no event', [stuck('coredns-1', 3)], []],
    ['a pod creating for 3 min, only scheduled so far', [stuck('coredns-1', 3)], [scheduled('coredns-1')]],
    ['a pod being deleted', [{ ...stuck('coredns-1'), deletionTimestamp: 1 }], [sandboxFailed('coredns-1')]],
    ['a Completed pod', [aPod({ status: 'Completed' })], []],
  ];
  it.each(quiet)('stays quiet for %s', (_case, pods, events) => {
    expect(runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods, events }) }))).toEqual([]);
  });

  it.each([...firing, ...quiet])('finds the same under clock skew for %s', (_case, pods, events) => {
    expectSameUnderSkew(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods, events }) }));
  });

  it('names the failure in the title when an event proves it', () => {
    const kube = aKubeState({ pods: [stuck('coredns-1', 2)], events: [scheduled('coredns-1'), sandboxFailed('coredns-1')] });
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube }));
    expect(finding?.title).toBe('1 pod stuck in ContainerCreating: FailedCreatePodSandBox');
    expect(finding?.evidence[0]).toMatch(
      /^kube-system\/Pod\/coredns-1: ContainerCreating for 2m on k8s-minion-0; FailedCreatePodSandBox \(60s ago, 3 times\)/,
    );
    expect(finding?.explanation).toContain('pod sandbox cannot be created');
  });

  it('stays quiet without Kubernetes state', () => {
    expect(runRule(containerCreatingStuck, aSnapshot({ kube: null }))).toEqual([]);
  });

  it('says when waiting is the only evidence', () => {
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods: [stuck('coredns-1', 12)] }) }));
    expect(finding?.title).toBe('1 pod stuck in ContainerCreating for over 10 min');
    expect(finding?.evidence).toEqual(['kube-system/Pod/coredns-1: ContainerCreating for 12m on k8s-minion-0; no events']);
    expect(finding?.explanation).toContain('No event says why');
  });

  it('lists every pod and shows the failure event of each as evidence', () => {
    const pod = stuck('coredns-1', 33);
    const events = [
      anEvent('kube-system/Pod/coredns-1', { reason: 'Scheduled', type: 'Normal', message: 'assigned', ageMinutes: 33 }),
      anEvent('kube-system/Pod/coredns-1', {
        reason: 'FailedCreatePodSandBox',
        message: 'failed to setup network for sandbox',
        ageMinutes: 2,
        count: 14,
      }),
    ];
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods: [pod], events }) }));
    expect(finding?.title).toBe('1 pod stuck in ContainerCreating: FailedCreatePodSandBox');
    expect(finding?.objects).toEqual(['kube-system/Pod/coredns-1']);
    expect(finding?.evidence).toEqual([
      'kube-system/Pod/coredns-1: ContainerCreating for 33m on k8s-minion-0; FailedCreatePodSandBox (2m ago, 14 times): failed to setup network for sandbox',
    ]);
    expect(finding?.explanation).toContain('pod sandbox cannot be created');
  });

  it('merges the same error on many pods into one line, and keeps every pod in the details', () => {
    const pods = Array.from({ length: 20 }, (_, i) => stuck(`coredns-${i}`, 2));
    const events = pods.map((p) =>
      anEvent(`kube-system/Pod/${p.name}`, {
        reason: 'FailedCreatePodSandBox',
        message: `failed to create a sandbox for pod "${p.name}": error creating overlay mount to /var/lib/docker/overlay2/${String(p.name.length).repeat(16)}-init/merged: invalid argument`,
      }),
    );
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods, events }) }));
    expect(finding?.objects).toHaveLength(20);
    expect(finding?.evidence).toEqual([
      '20 pods: ContainerCreating; FailedCreatePodSandBox: failed to create a sandbox for pod "<name>": error creating overlay mount to /var/lib/docker/overlay2/<id>-init/merged: invalid argument (first: kube-system/coredns-0, kube-system/coredns-1, kube-system/coredns-2, ...)',
    ]);
    expect(finding?.details).toHaveLength(20);
    expect(finding?.details?.[19]).toMatch(
      /^kube-system\/Pod\/coredns-19: ContainerCreating for 2m on k8s-minion-0; FailedCreatePodSandBox \(60s ago\): /,
    );
  });

  it('caps the evidence lines when the errors differ', () => {
    const pods = Array.from({ length: 40 }, (_, i) => stuck(`p-${i}`));
    const events = pods.map((p, i) => anEvent(`kube-system/Pod/${p.name}`, { reason: 'FailedMount', message: `volume "v${i}" not found` }));
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods, events }) }));
    expect(finding?.objects).toHaveLength(40);
    expect(finding?.evidence).toHaveLength(11);
    expect(finding?.evidence[10]).toBe('... and 30 more');
    expect(finding?.details).toBeUndefined();
  });

  it('honours a custom threshold', () => {
    const snapshot = aSnapshot({ kube: aKubeState({ pods: [stuck('coredns-1', 3)] }) });
    expect(severities(runRule(containerCreatingStuck, snapshot, { containerCreatingMinutes: 2 }))).toEqual(['warning']);
  });
});
