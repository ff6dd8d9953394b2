import { controlPlaneNotReady } from '../../../../src/diagnostics/rules/control-plane-not-ready.js';
import { aCondition, aKubeconfigSnapshot, aPod, anEvent } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const pending = (name: string, ageMinutes = 10) => aPod({ name, status: 'Pending', node: null, ageMinutes, containers: [] });
const scheduler = (status: string) =>
  aPod({ namespace: 'kube-system', name: 'kube-scheduler-master-0', labels: { component: 'kube-scheduler' }, status, node: 'master-0' });

describe('control-plane-not-ready', () => {
  it.each([
    ['Pending pods with no scheduling event at all', [pending('web-0'), pending('web-1')], []],
    ['the kube-scheduler static pod crash looping', [scheduler('CrashLoopBackOff')], []],
  ])('is critical with %s', (_case, pods, events) => {
    expect(severities(runRule(controlPlaneNotReady, aKubeconfigSnapshot({ pods, events })))).toEqual(['critical']);
  });

  it.each([
    [
      'a Pending pod with a FailedScheduling event',
      [pending('web-0')],
      [anEvent('default/Pod/web-0', { reason: 'FailedScheduling', message: '0/1 nodes are available' })],
    ],
    [
      'a Pending pod marked Unschedulable',
      [{ ...pending('web-0'), conditions: [aCondition('PodScheduled', 'False', { reason: 'Unschedulable' })] }],
      [],
    ],
    ['a pod Pending for 2 min', [pending('web-0', 2)], []],
    ['a running scheduler and running pods', [scheduler('Running'), aPod()], []],
    ['a scheduled pod waiting for its image', [aPod({ status: 'ContainerCreating' })], []],
  ])('stays quiet with %s', (_case, pods, events) => {
    expect(runRule(controlPlaneNotReady, aKubeconfigSnapshot({ pods, events }))).toEqual([]);
  });

  it('gives the Kolla restart workaround', () => {
    const [finding] = runRule(controlPlaneNotReady, aKubeconfigSnapshot({ pods: [pending('web-0', 12)] }));
    expect(finding?.title).toBe('Control plane not ready: the scheduler is not scheduling pods (1 pod never scheduled)');
    expect(finding?.evidence).toEqual(['default/Pod/web-0: Pending for 12m, not assigned to a node, no scheduling events']);
    expect(finding?.remedy).toContain('sudo systemctl restart kube-scheduler');
    expect(finding?.reference).toEqual(SOURCES.kollaDebugging);
  });
});

describe('control-plane-not-ready: evidence first, and the API server clock', () => {
  it('is critical at once when the scheduler pod itself is down, however young the pods', () => {
    expect(
      severities(runRule(controlPlaneNotReady, aKubeconfigSnapshot({ pods: [scheduler('CrashLoopBackOff'), pending('web-0', 1)] }))),
    ).toEqual(['critical']);
  });

  it.each([
    ['Pending pods past the threshold with no scheduling event (silence is the evidence)', [pending('web-0', 12)]],
    ['a pod Pending for 2 min', [pending('web-0', 2)]],
    ['the scheduler crash looping', [scheduler('CrashLoopBackOff')]],
    ['a running scheduler', [scheduler('Running'), aPod()]],
  ])('finds the same under clock skew with %s', (_case, pods) => {
    expectSameUnderSkew(controlPlaneNotReady, aKubeconfigSnapshot({ pods }));
  });
});
