import type { CollectionProblem } from '../../../../src/core/snapshot.js';
import { collectionProblem } from '../../../../src/diagnostics/rules/collection-problem.js';
import { aSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const problem = (over: Partial<CollectionProblem>): CollectionProblem => ({
  source: 'kube',
  code: 'unreachable',
  what: 'pods',
  message: 'connect ECONNREFUSED',
  ...over,
});

describe('collection-problem', () => {
  it.each([
    ['an unreachable API', problem({}), 'warning'],
    ['forbidden', problem({ code: 'forbidden', message: 'pods is forbidden' }), 'warning'],
    ['a timeout', problem({ source: 'octavia', what: 'load balancers', code: 'timeout' }), 'warning'],
    ['a truncated list', problem({ code: 'truncated', message: 'first 5000 of 12000 pods' }), 'info'],
    ['a missing Heat stack', problem({ source: 'heat', what: 'stack', code: 'not_found' }), 'info'],
  ])('turns %s into a %s finding', (_case, p, expected) => {
    expect(severities(runRule(collectionProblem, aSnapshot({ problems: [p] })))).toEqual([expected]);
  });

  it('stays quiet when everything was collected', () => {
    expect(runRule(collectionProblem, aSnapshot())).toEqual([]);
  });

  it('makes one finding per problem, with its source and code', () => {
    const findings = runRule(
      collectionProblem,
      aSnapshot({ problems: [problem({}), problem({ source: 'heat', what: 'stack resources', code: 'forbidden', message: 'Forbidden' })] }),
    );
    expect(findings.map((f) => f.title)).toEqual([
      'Could not read pods from the Kubernetes API: unreachable',
      'Could not read stack resources from Heat: forbidden',
    ]);
    expect(findings[0]?.evidence).toEqual(['kube pods: unreachable: connect ECONNREFUSED']);
  });
});

describe('collection-problem: no clock involved', () => {
  it('finds the same under clock skew', () => {
    expectSameUnderSkew(collectionProblem, aSnapshot({ problems: [problem({})] }));
  });
});
