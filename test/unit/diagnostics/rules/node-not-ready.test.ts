import { nodeNotReady } from '../../../../src/diagnostics/rules/node-not-ready.js';
import { aCondition, aKubeconfigSnapshot, aNode, aPod, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const lost = aNode({ name: 'minion-1', ready: false });
const ok = aNode({ name: 'minion-0' });

describe('node-not-ready', () => {
  it.each([
    ['one of two nodes NotReady', [ok, lost], ['warning']],
    ['every node NotReady', [lost], ['critical']],
    ['a node with no Ready condition', [ok, aNode({ name: 'minion-2', conditions: [] })], ['warning']],
  ])('fires for %s', (_case, nodes, expected) => {
    expect(severities(runRule(nodeNotReady, aKubeconfigSnapshot({ nodes })))).toEqual(expected);
  });

  it.each([
    ['all nodes Ready', [ok, aNode({ name: 'minion-1' })]],
    ['no nodes listed', []],
  ])('stays quiet with %s', (_case, nodes) => {
    expect(runRule(nodeNotReady, aKubeconfigSnapshot({ nodes }))).toEqual([]);
  });

  it('shows the condition and the pods stuck Terminating on the node', () => {
    const node = aNode({
      name: 'minion-1',
      conditions: [
        aCondition('Ready', 'Unknown', {
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: minutesAgo(12),
        }),
      ],
    });
    const pods = [aPod({ name: 'web-0', node: 'minion-1', deletionTimestamp: minutesAgo(5) })];
    const [finding] = runRule(nodeNotReady, aKubeconfigSnapshot({ nodes: [ok, node], pods }));
    expect(finding?.title).toBe('1 node of 2 not Ready');
    expect(finding?.evidence).toEqual([
      'Node/minion-1: Ready=Unknown since 12m ago NodeStatusUnknown: Kubelet stopped posting node status.; 1 pod stuck Terminating on it',
    ]);
  });
});

describe('node-not-ready: evidence, not age, and the API server clock', () => {
  it('fires for a node that went NotReady a minute ago', () => {
    const node = aNode({
      name: 'minion-1',
      conditions: [aCondition('Ready', 'False', { reason: 'KubeletNotReady', lastTransitionTime: minutesAgo(1) })],
    });
    expect(severities(runRule(nodeNotReady, aKubeconfigSnapshot({ nodes: [ok, node] })))).toEqual(['warning']);
  });

  it.each([
    ['a lost node with pods Terminating on it', [ok, lost], [aPod({ name: 'web-0', node: 'minion-1', deletionTimestamp: minutesAgo(5) })]],
    ['all nodes Ready', [ok], []],
  ])('finds the same under clock skew with %s', (_case, nodes, pods) => {
    expectSameUnderSkew(nodeNotReady, aKubeconfigSnapshot({ nodes, pods }));
  });
});
