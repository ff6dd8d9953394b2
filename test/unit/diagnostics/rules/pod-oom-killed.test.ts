import { podOomKilled } from '../../../../src/diagnostics/rules/pod-oom-killed.js';
import { aContainer, aKubeconfigSnapshot, aPod, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const oomLast = { reason: 'OOMKilled', exitCode: 137, finishedAt: minutesAgo(2) };

describe('pod-oom-killed', () => {
  it.each([
    [
      'a container whose last run was OOMKilled',
      aPod({ name: 'cache-0', containers: [aContainer({ name: 'redis', restartCount: 4, lastTerminated: oomLast })] }),
    ],
    [
      'a container terminated OOMKilled now',
      aPod({
        name: 'cache-0',
        status: 'OOMKilled',
        containers: [aContainer({ name: 'redis', ready: false, state: 'terminated', reason: 'OOMKilled', exitCode: 137 })],
      }),
    ],
  ])('warns for %s', (_case, pod) => {
    expect(severities(runRule(podOomKilled, aKubeconfigSnapshot({ pods: [pod] })))).toEqual(['warning']);
  });

  it.each([
    ['healthy pods', aPod()],
    [
      'a container that exited with an error',
      aPod({ containers: [aContainer({ restartCount: 4, lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(2) } })] }),
    ],
  ])('stays quiet for %s', (_case, pod) => {
    expect(runRule(podOomKilled, aKubeconfigSnapshot({ pods: [pod] }))).toEqual([]);
  });

  it('suppresses the generic crash loop finding for the same pods', () => {
    expect(podOomKilled.suppresses).toContain('pod-crash-loop');
  });
});

describe('pod-oom-killed: evidence, not age, and the API server clock', () => {
  const young = aPod({
    name: 'cache-0',
    ageMinutes: 1,
    containers: [aContainer({ name: 'redis', restartCount: 1, lastTerminated: { ...oomLast, finishedAt: minutesAgo(0.5) } })],
  });

  it('warns for a pod 1 min old killed once', () => {
    expect(severities(runRule(podOomKilled, aKubeconfigSnapshot({ pods: [young] })))).toEqual(['warning']);
  });

  it.each([
    ['a young OOM kill', young],
    ['healthy pods', aPod()],
  ])('finds the same under clock skew with %s', (_case, pod) => {
    expectSameUnderSkew(podOomKilled, aKubeconfigSnapshot({ pods: [pod] }));
  });
});
