import { nodePressure } from '../../../../src/diagnostics/rules/node-pressure.js';
import { aCondition, aKubeconfigSnapshot, aNode } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const withCondition = (type: string, status: 'True' | 'False') =>
  aNode({ name: 'minion-0', conditions: [aCondition('Ready', 'True'), aCondition(type, status, { message: `kubelet has ${type}` })] });

describe('node-pressure', () => {
  it.each([['MemoryPressure'], ['DiskPressure'], ['PIDPressure'], ['NetworkUnavailable']])('warns for %s', (type) => {
    expect(severities(runRule(nodePressure, aKubeconfigSnapshot({ nodes: [withCondition(type, 'True')] })))).toEqual(['warning']);
  });

  it.each([['MemoryPressure'], ['DiskPressure'], ['NetworkUnavailable']])('stays quiet for %s=False', (type) => {
    expect(runRule(nodePressure, aKubeconfigSnapshot({ nodes: [withCondition(type, 'False')] }))).toEqual([]);
  });

  it('names the node and the condition', () => {
    const [finding] = runRule(nodePressure, aKubeconfigSnapshot({ nodes: [withCondition('DiskPressure', 'True')] }));
    expect(finding?.title).toBe('1 node under DiskPressure');
    expect(finding?.evidence).toEqual(['Node/minion-0: DiskPressure: kubelet has DiskPressure']);
  });
});

describe('node-pressure: evidence, not age, and the API server clock', () => {
  it.each([
    ['DiskPressure', withCondition('DiskPressure', 'True')],
    ['no pressure', withCondition('DiskPressure', 'False')],
  ])('finds the same under clock skew with %s', (_case, node) => {
    expectSameUnderSkew(nodePressure, aKubeconfigSnapshot({ nodes: [node] }));
  });
});
