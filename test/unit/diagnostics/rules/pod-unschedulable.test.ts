import { podUnschedulable } from '../../../../src/diagnostics/rules/pod-unschedulable.js';
import { aCondition, aKubeconfigSnapshot, aPod, anEvent } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const pending = (name: string, ageMinutes = 10, over = {}) =>
  aPod({ name, status: 'Pending', node: null, ageMinutes, containers: [], ...over });
const cpu = (name: string) =>
  anEvent(`default/Pod/${name}`, { reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.' });

describe('pod-unschedulable', () => {
  it.each([
    ['a FailedScheduling event', [pending('web-0')], [cpu('web-0')]],
    ['a FailedScheduling event on a pod 1 min old (the message is the evidence)', [pending('web-0', 1)], [cpu('web-0')]],
    [
      'a PodScheduled=False Unschedulable condition',
      [
        pending('web-0', 10, {
          conditions: [aCondition('PodScheduled', 'False', { reason: 'Unschedulable', message: '0/1 nodes are available' })],
        }),
      ],
      [],
    ],
  ])('warns with %s', (_case, pods, events) => {
    expect(severities(runRule(podUnschedulable, aKubeconfigSnapshot({ pods, events })))).toEqual(['warning']);
  });

  it.each([
    ['a young Pending pod the scheduler has not reported on', [pending('web-0', 1)], []],
    ['a Pending pod with no scheduler word (control-plane rule)', [pending('web-0')], []],
    ['running pods', [aPod()], []],
  ])('stays quiet for %s', (_case, pods, events) => {
    expect(runRule(podUnschedulable, aKubeconfigSnapshot({ pods, events }))).toEqual([]);
  });

  it("groups pods by the scheduler's message", () => {
    const [finding] = runRule(
      podUnschedulable,
      aKubeconfigSnapshot({ pods: [pending('web-0', 12), pending('web-1', 12)], events: [cpu('web-0'), cpu('web-1')] }),
    );
    expect(finding?.title).toBe('2 pods Pending: the scheduler cannot place them');
    expect(finding?.evidence).toEqual([
      '2 pods: Pending; scheduler: 0/3 nodes are available: 3 Insufficient cpu. (first: default/web-0, default/web-1)',
    ]);
    expect(finding?.details).toEqual([
      'default/Pod/web-0: Pending for 12m; scheduler: 0/3 nodes are available: 3 Insufficient cpu.',
      'default/Pod/web-1: Pending for 12m; scheduler: 0/3 nodes are available: 3 Insufficient cpu.',
    ]);
  });

  it('explains the cloud-provider uninitialized taint (Magnum nodes never initialised)', () => {
    const event = anEvent('kube-system/Pod/coredns-1', {
      reason: 'FailedScheduling',
      message: '0/2 nodes are available: 2 node(s) had untolerated taint {node.cloudprovider.kubernetes.io/uninitialized: true}.',
    });
    const [finding] = runRule(
      podUnschedulable,
      aKubeconfigSnapshot({ pods: [pending('coredns-1', 30, { namespace: 'kube-system' })], events: [event] }),
    );
    expect(finding?.explanation).toContain('cloud controller manager never initialised them');
  });

  it.each([
    ['a young pod with a FailedScheduling event', [pending('web-0', 1)], [cpu('web-0')]],
    ['pods with and without a scheduler message', [pending('web-0', 12), pending('web-1', 2)], [cpu('web-0')]],
    ['running pods', [aPod()], []],
  ])('finds the same under clock skew with %s', (_case, pods, events) => {
    expectSameUnderSkew(podUnschedulable, aKubeconfigSnapshot({ pods, events }));
  });
});
