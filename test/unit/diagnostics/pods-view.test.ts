import { isProblemPod, renderPodsTable } from '../../../src/diagnostics/pods-view.js';
import { NOW, aContainer, aPod, minutesAgo } from '../../helpers/snapshot-builders.js';

const coredns = aPod({
  namespace: 'kube-system',
  name: 'coredns-5d78c9869d-7xk2p',
  ageMinutes: 3 * 24 * 60,
  podIP: '10.100.0.3',
  node: 'demo-k8s-master-0',
});
const web = aPod({ namespace: 'default', name: 'web-6b7f9c8d5-abcde', status: 'Pending', ageMinutes: 5, node: null });

describe('renderPodsTable', () => {
  it('prints exactly what kubectl get pods -A -o wide prints (real kubectl output, research/real-peers.md §4)', () => {
    expect(renderPodsTable([coredns, web], NOW, { problemsFirst: false, wide: true })).toBe(
      [
        'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE                NOMINATED NODE   READINESS GATES',
        'kube-system   coredns-5d78c9869d-7xk2p   1/1     Running   0          3d    10.100.0.3   demo-k8s-master-0   <none>           <none>',
        'default       web-6b7f9c8d5-abcde        0/1     Pending   0          5m    <none>       <none>              <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('puts problem pods first when asked, keeping the API order within each part', () => {
    const text = renderPodsTable([coredns, web], NOW, { problemsFirst: true, wide: true });
    expect(text.split('\n').map((line) => line.split(/\s+/)[1])).toEqual([
      'NAME',
      'web-6b7f9c8d5-abcde',
      'coredns-5d78c9869d-7xk2p',
      undefined,
    ]);
  });

  it('shows restarts with the time of the last one, like kubectl 1.22+', () => {
    const pod = aPod({
      name: 'api-0',
      status: 'CrashLoopBackOff',
      ageMinutes: 45,
      containers: [
        aContainer({
          name: 'api',
          ready: false,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 7,
          lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(3) },
        }),
        aContainer({ name: 'sidecar' }),
      ],
      podIP: '10.100.0.9',
    });
    expect(renderPodsTable([pod], NOW, { problemsFirst: false, wide: true })).toBe(
      [
        'NAMESPACE   NAME    READY   STATUS             RESTARTS     AGE   IP           NODE           NOMINATED NODE   READINESS GATES',
        'default     api-0   1/2     CrashLoopBackOff   7 (3m ago)   45m   10.100.0.9   k8s-minion-0   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are no pods', () => {
    expect(renderPodsTable([], NOW, { problemsFirst: true, wide: true })).toBe('No resources found\n');
  });

  it.each([
    ['Running and ready', aPod(), false],
    ['Completed', aPod({ status: 'Completed' }), false],
    ['Running but not ready', aPod({ containers: [aContainer({ ready: false })] }), true],
    ['ContainerCreating', aPod({ status: 'ContainerCreating' }), true],
    ['Terminating', aPod({ deletionTimestamp: NOW }), true],
  ])('a pod %s is a problem: %s', (_case, pod, expected) => {
    expect(isProblemPod(pod)).toBe(expected);
  });
});
