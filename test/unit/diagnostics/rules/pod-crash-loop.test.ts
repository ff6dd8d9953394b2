import { podCrashLoop } from '../../../../src/diagnostics/rules/pod-crash-loop.js';
import { aContainer, aKubeconfigSnapshot, aPod, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const crashing = (name: string, over = {}) =>
  aPod({
    name,
    status: 'CrashLoopBackOff',
    containers: [
      aContainer({
        name: 'app',
        ready: false,
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        restartCount: 7,
        lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(3) },
        ...over,
      }),
    ],
  });

describe('pod-crash-loop', () => {
  it.each([
    ['a container in CrashLoopBackOff', [crashing('api-0')]],
    [
      'a container restarting past the threshold and not ready',
      [
        aPod({
          name: 'api-0',
          containers: [
            aContainer({ ready: false, restartCount: 4, lastTerminated: { reason: 'Error', exitCode: 2, finishedAt: minutesAgo(1) } }),
          ],
        }),
      ],
    ],
    ['two pods, one finding', [crashing('api-0'), crashing('api-1')]],
  ])('warns for %s', (_case, pods) => {
    expect(severities(runRule(podCrashLoop, aKubeconfigSnapshot({ pods })))).toEqual(['warning']);
  });

  it.each([
    ['healthy pods', [aPod()]],
    [
      'a few restarts long ago, running and ready now',
      [
        aPod({
          containers: [aContainer({ restartCount: 5, lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(600) } })],
        }),
      ],
    ],
    [
      'restarts below the threshold',
      [
        aPod({
          containers: [
            aContainer({ ready: false, restartCount: 2, lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(1) } }),
          ],
        }),
      ],
    ],
    [
      'restarts after clean exits',
      [
        aPod({
          containers: [
            aContainer({ ready: false, restartCount: 9, lastTerminated: { reason: 'Completed', exitCode: 0, finishedAt: minutesAgo(1) } }),
          ],
        }),
      ],
    ],
  ])('stays quiet for %s', (_case, pods) => {
    expect(runRule(podCrashLoop, aKubeconfigSnapshot({ pods }))).toEqual([]);
  });

  it('gives the last termination reason and exit code', () => {
    const [finding] = runRule(podCrashLoop, aKubeconfigSnapshot({ pods: [crashing('api-0')] }));
    expect(finding?.title).toBe('1 pod crash looping');
    expect(finding?.evidence).toEqual([
      'default/Pod/api-0 container app: CrashLoopBackOff, 7 restarts; last terminated Error exit code 1 3m ago',
    ]);
    expect(finding?.remedy).toContain('--previous');
  });
});

describe('pod-crash-loop: evidence, not age, and the API server clock', () => {
  const young = aPod({
    name: 'api-0',
    ageMinutes: 2,
    status: 'CrashLoopBackOff',
    containers: [
      aContainer({
        name: 'app',
        ready: false,
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        restartCount: 3,
        lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(0.5) },
      }),
    ],
  });

  it('warns for a pod 2 min old already in CrashLoopBackOff', () => {
    expect(severities(runRule(podCrashLoop, aKubeconfigSnapshot({ pods: [young] })))).toEqual(['warning']);
  });

  it.each([
    ['a young crash loop', [young]],
    ['an old crash loop', [crashing('api-0')]],
    ['healthy pods', [aPod()]],
  ])('finds the same under clock skew with %s', (_case, pods) => {
    expectSameUnderSkew(podCrashLoop, aKubeconfigSnapshot({ pods }));
  });
});
