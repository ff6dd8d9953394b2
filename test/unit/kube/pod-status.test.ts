import type { WirePod } from '../../../src/kube/kube-schemas.js';
import { podStatusColumn } from '../../../src/kube/pod-status.js';

type Status = NonNullable<WirePod['status']>;
type CS = NonNullable<Status['containerStatuses']>[number];

const running = (name = 'app', ready = true): CS => ({
  name,
  ready,
  restartCount: 0,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
});
const waiting = (reason: string, name = 'app'): CS => ({ name, ready: false, restartCount: 0, state: { waiting: { reason } } });
const terminated = (exitCode: number, reason?: string, signal?: number, name = 'app'): CS => ({
  name,
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});
const pod = (status: Status, extra: { deleting?: boolean; initContainers?: number } = {}): WirePod => ({
  metadata: { name: 'p', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: {
    containers: [{ name: 'app' }],
    ...(extra.initContainers ? { initContainers: Array.from({ length: extra.initContainers }, (_, i) => ({ name: `init-${i}` })) } : {}),
  },
  status,
});
const ready = (ok: boolean) => [{ type: 'Ready', status: ok ? 'True' : 'False' }];
const initialized = (ok: boolean) => [{ type: 'Initialized', status: ok ? 'True' : 'False' }];

describe("podStatusColumn (kubectl's STATUS column)", () => {
  const cases: [string, WirePod, string][] = [
    ['a running pod', pod({ phase: 'Running', containerStatuses: [running()] }), 'Running'],
    ['a pod waiting for its sandbox', pod({ phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }), 'ContainerCreating'],
    ['an unscheduled pod', pod({ phase: 'Pending' }), 'Pending'],
    ['a crash loop', pod({ phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff')] }), 'CrashLoopBackOff'],
    ['an image pull back-off', pod({ phase: 'Pending', containerStatuses: [waiting('ImagePullBackOff')] }), 'ImagePullBackOff'],
    ['an OOM kill being reported', pod({ phase: 'Running', containerStatuses: [terminated(137, 'OOMKilled')] }), 'OOMKilled'],
    ['a finished job pod', pod({ phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')] }), 'Completed'],
    ['an exit without a reason', pod({ phase: 'Failed', containerStatuses: [terminated(2)] }), 'ExitCode:2'],
    ['a kill by signal without a reason', pod({ phase: 'Failed', containerStatuses: [terminated(0, undefined, 9)] }), 'Signal:9'],
    ['an evicted pod', pod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    [
      'the first of two init containers running',
      pod(
        { phase: 'Pending', initContainerStatuses: [running('init-0', false), waiting('PodInitializing', 'init-1')] },
        { initContainers: 2 },
      ),
      'Init:0/2',
    ],
    [
      'the second init container running',
      pod(
        { phase: 'Pending', initContainerStatuses: [terminated(0, 'Completed', undefined, 'init-0'), running('init-1', false)] },
        { initContainers: 2 },
      ),
      'Init:1/2',
    ],
    [
      'an init container crash-looping',
      pod({ phase: 'Pending', initContainerStatuses: [waiting('CrashLoopBackOff', 'init-0')] }, { initContainers: 1 }),
      'Init:CrashLoopBackOff',
    ],
    [
      'an init container failed with a reason',
      pod({ phase: 'Pending', initContainerStatuses: [terminated(1, 'Error', undefined, 'init-0')] }, { initContainers: 1 }),
      'Init:Error',
    ],
    [
      'an init container failed without a reason',
      pod({ phase: 'Pending', initContainerStatuses: [terminated(3, undefined, undefined, 'init-0')] }, { initContainers: 1 }),
      'Init:ExitCode:3',
    ],
    [
      'init done, main container creating',
      pod(
        {
          phase: 'Pending',
          conditions: initialized(true),
          initContainerStatuses: [terminated(0, 'Completed', undefined, 'init-0')],
          containerStatuses: [waiting('ContainerCreating')],
        },
        { initContainers: 1 },
      ),
      'ContainerCreating',
    ],
    ['a pod being deleted', pod({ phase: 'Running', containerStatuses: [running()] }, { deleting: true }), 'Terminating'],
    [
      'a finished pod being deleted keeps its status',
      pod({ phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')] }, { deleting: true }),
      'Completed',
    ],
    ['a pod on a lost node being deleted', pod({ phase: 'Running', reason: 'NodeLost' }, { deleting: true }), 'Unknown'],
    [
      'a completed sidecar next to a running ready container',
      {
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          conditions: ready(true),
          containerStatuses: [running('a'), terminated(0, 'Completed', undefined, 'b')],
        },
      },
      'Running',
    ],
    [
      'a completed sidecar next to a running container, pod not ready',
      {
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          conditions: ready(false),
          containerStatuses: [running('a'), terminated(0, 'Completed', undefined, 'b')],
        },
      },
      'NotReady',
    ],
  ];

  it.each(cases)('prints %s as kubectl does', (_name, input, expected) => {
    expect(podStatusColumn(input)).toBe(expected);
  });
});
