import type { Finding } from '../../../src/core/finding.js';
import { renderClusterSummary } from '../../../src/render/cluster-summary.js';
import { renderDiagnosisMessage } from '../../../src/render/diagnosis.js';
import { aCluster } from '../../helpers/snapshot-builders.js';

const finding = (severity: Finding['severity']): Finding => ({
  rule: 'docker-volume-size-overlay2',
  severity,
  title: 'Pods stuck in ContainerCreating',
  objects: [],
  evidence: [],
  explanation: '',
  remedy: '',
});
const headline = (blocks: readonly object[] | undefined) => (blocks?.[0] as { text: { text: string } }).text.text;
const fieldTexts = (blocks: readonly object[] | undefined) =>
  ((blocks?.[1] as { fields: { text: string }[] }).fields ?? []).map((f) => f.text);

describe('renderClusterSummary', () => {
  it("never shows Magnum's HEALTHY alone next to a critical finding: both verdicts side by side, the worst sets the colour", () => {
    const message = renderClusterSummary(aCluster(), {
      requester: 'U1',
      now: 0,
      command: '/kube diagnose dev-a',
      verdict: [finding('critical')],
    });
    expect(headline(message.blocks)).toBe(
      ':red_circle: Cluster `dev-a` is *CREATE_COMPLETE* · Magnum health HEALTHY · kube-chatops: *1 critical*, 0 warning',
    );
    expect(fieldTexts(message.blocks).slice(0, 2)).toEqual([
      '*Magnum health*\nHEALTHY',
      '*kube-chatops diagnosis*\n*1 critical*, 0 warning',
    ]);
    expect(message.text).toBe('Cluster dev-a is CREATE_COMPLETE (Magnum health HEALTHY; kube-chatops: 1 critical, 0 warning)');
  });

  it.each([
    ['warnings only', [finding('warning'), finding('info')], ':large_orange_circle:', 'kube-chatops: 0 critical, 1 warning'],
    ['nothing worth a warning', [finding('info')], ':large_green_circle:', 'kube-chatops: no problems found'],
  ])('colours the summary by the worst of the two with %s', (_case, verdict, emoji, text) => {
    const message = renderClusterSummary(aCluster(), { requester: 'U1', now: 0, command: '/kube diagnose dev-a', verdict });
    expect(headline(message.blocks)).toBe(`${emoji} Cluster \`dev-a\` is *CREATE_COMPLETE* · Magnum health HEALTHY · ${text}`);
  });

  it('says the bot has not diagnosed the cluster when no diagnosis was made', () => {
    const message = renderClusterSummary(aCluster({ healthStatus: null }), { requester: 'U1', now: 0, command: '/kube show dev-a' });
    expect(headline(message.blocks)).toBe(':large_green_circle: Cluster `dev-a` is *CREATE_COMPLETE* · Magnum health not reported');
    expect(fieldTexts(message.blocks).slice(0, 2)).toEqual([
      '*Magnum health*\nnot reported',
      '*kube-chatops diagnosis*\nnot run here (`/kube diagnose dev-a`)',
    ]);
    expect(message.text).toBe('Cluster dev-a is CREATE_COMPLETE (Magnum health not reported)');
  });
});

describe('the diagnosis header', () => {
  it("shows Magnum's health beside the bot's verdict", () => {
    const message = renderDiagnosisMessage(
      { cluster: 'dev-a', findings: [finding('critical')], checked: [], magnumHealth: 'HEALTHY' },
      { requester: 'U1' },
    );
    expect(headline(message.blocks)).toBe(':red_circle: Diagnosis of `dev-a`: *1 critical*, 0 warning, 0 info · Magnum health HEALTHY');
  });

  it('leaves Magnum out for a cluster it does not know', () => {
    const message = renderDiagnosisMessage({ cluster: 'kolla', findings: [], checked: ['3 nodes'] }, { requester: 'U1' });
    expect(headline(message.blocks)).toBe(':white_check_mark: No problems found on `kolla`');
  });
});
