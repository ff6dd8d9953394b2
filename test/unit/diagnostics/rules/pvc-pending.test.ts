import { pvcPending } from '../../../../src/diagnostics/rules/pvc-pending.js';
import { aKubeconfigSnapshot, aPvc, anEvent } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const pending = (ageMinutes = 20, over = {}) => aPvc({ name: 'data', phase: 'Pending', volumeName: null, ageMinutes, ...over });
const provisioningFailed = anEvent('default/PersistentVolumeClaim/data', {
  reason: 'ProvisioningFailed',
  message: 'failed to provision volume: VolumeSizeExceedsAvailableQuota',
});

describe('pvc-pending', () => {
  it.each([
    ['a ProvisioningFailed event', [pending()], [provisioningFailed]],
    ['a ProvisioningFailed event on a claim 1 min old (the failure is the evidence)', [pending(1)], [provisioningFailed]],
    ['no event at all', [pending()], []],
    ['no storage class', [pending(20, { storageClass: null })], []],
  ])('warns with %s', (_case, pvcs, events) => {
    expect(severities(runRule(pvcPending, aKubeconfigSnapshot({ pvcs, events })))).toEqual(['warning']);
  });

  it.each([
    ['a Bound claim', [aPvc()], []],
    ['a claim Pending for 2 min with no event', [pending(2)], []],
    [
      'a young claim waiting for its external provisioner',
      [pending(2)],
      [anEvent('default/PersistentVolumeClaim/data', { reason: 'ExternalProvisioning', type: 'Normal', message: 'waiting for a volume' })],
    ],
    [
      'a claim waiting for its first consumer',
      [pending()],
      [
        anEvent('default/PersistentVolumeClaim/data', {
          reason: 'WaitForFirstConsumer',
          type: 'Normal',
          message: 'waiting for first consumer',
        }),
      ],
    ],
  ])('stays quiet for %s', (_case, pvcs, events) => {
    expect(runRule(pvcPending, aKubeconfigSnapshot({ pvcs, events }))).toEqual([]);
  });

  it('quotes the provisioner event', () => {
    const [finding] = runRule(pvcPending, aKubeconfigSnapshot({ pvcs: [pending()], events: [provisioningFailed] }));
    expect(finding?.evidence).toEqual([
      'default/PersistentVolumeClaim/data: Pending for 20m, storage class standard; ProvisioningFailed (60s ago): failed to provision volume: VolumeSizeExceedsAvailableQuota',
    ]);
  });

  it.each([
    ['a young failing claim', [pending(1)], [provisioningFailed]],
    ['an old claim with no event', [pending(20)], []],
    ['a young claim with no event', [pending(4)], []],
  ])('finds the same under clock skew with %s', (_case, pvcs, events) => {
    expectSameUnderSkew(pvcPending, aKubeconfigSnapshot({ pvcs, events }));
  });
});
