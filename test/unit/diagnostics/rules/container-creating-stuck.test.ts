import { containerCreatingStuck } from '../../../../src/diagnostics/rules/container-creating-stuck.js';
import { aKubeState, aPod, aSnapshot, anEvent } from '../../../helpers/snapshot-builders.js';
import { runRule, severities } from './run-rule.js';

const stuck = (name: string, ageMinutes = 30) => aPod({ namespace: 'kube-system', name, status: 'ContainerCreating', ageMinutes });

describe('container-creating-stuck', () => {
  it.each([
    ['one pod waiting 30 min', [stuck('coredns-1')], ['warning']],
    ['five pods, one finding', [1, 2, 3, 4, 5].map((i) => stuck(`p-${i}`)), ['warning']],
    ['a pod waiting exactly the threshold', [stuck('coredns-1', 10)], ['warning']],
  ])('fires for %s', (_case, pods, expected) => {
    expect(severities(runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods }) })))).toEqual(expected);
  });

  it.each([
    ['all pods Running', [aPod(), aPod({ name: 'web-1' })]],
    ['a pod creating for 3 min', [stuck('coredns-1', 3)]],
    ['a pod being deleted', [{ ...stuck('coredns-1'), deletionTimestamp: 1 }]],
    ['a Completed pod', [aPod({ status: 'Completed' })]],
  ])('stays quiet for %s', (_case, pods) => {
    expect(runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods }) }))).toEqual([]);
  });

  it('stays quiet without Kubernetes state', () => {
    expect(runRule(containerCreatingStuck, aSnapshot({ kube: null }))).toEqual([]);
  });

  it('lists every pod and shows the latest event of each as evidence', () => {
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
    expect(finding?.title).toBe('1 pod stuck in ContainerCreating for over 10 min');
    expect(finding?.objects).toEqual(['kube-system/Pod/coredns-1']);
    expect(finding?.evidence).toEqual([
      'kube-system/Pod/coredns-1: ContainerCreating for 33m on k8s-minion-0; FailedCreatePodSandBox (2m ago, 14 times): failed to setup network for sandbox',
    ]);
    expect(finding?.explanation).toContain('pod sandbox cannot be created');
  });

  it('caps the evidence lines for many pods', () => {
    const pods = Array.from({ length: 40 }, (_, i) => stuck(`p-${i}`));
    const [finding] = runRule(containerCreatingStuck, aSnapshot({ kube: aKubeState({ pods }) }));
    expect(finding?.objects).toHaveLength(40);
    expect(finding?.evidence).toHaveLength(11);
    expect(finding?.evidence[10]).toBe('... and 30 more');
  });

  it('honours a custom threshold', () => {
    const snapshot = aSnapshot({ kube: aKubeState({ pods: [stuck('coredns-1', 3)] }) });
    expect(severities(runRule(containerCreatingStuck, snapshot, { containerCreatingMinutes: 2 }))).toEqual(['warning']);
  });
});
