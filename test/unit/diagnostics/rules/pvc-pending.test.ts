import { pvcPending } from '../../../../src/diagnostics/rules/pvc-pending.js';
import { aKubeconfigSnapshot, aPvc, anEvent } from '../../../helpers/snapshot-builders.js';
import { runRule, severities } from './run-rule.js';

const pending = (ageMinutes = 20, over = {}) => aPvc({ name: 'data', phase: 'Pending', volumeName: null, ageMinutes, ...over });
const provisioningFailed = anEvent('default/PersistentVolumeClaim/data', {
  reason: 'ProvisioningFailed',
  message: 'failed to provision volume: VolumeSizeExceedsAvailableQuota',
});

describe('pvc-pending', () => {
  it.each([
    ['a ProvisioningFailed event', [pending()], [provisioningFailed]],
    ['no event at all', [pending()], []],
    ['no storage class', [pending(20, { storageClass: null })], []],
  ])('warns with %s', (_case, pvcs, events) => {
    expect(severities(runRule(pvcPending, aKubeconfigSnapshot({ pvcs, events })))).toEqual(['warning']);
  });

  it.each([
    ['a Bound claim', [aPvc()], []],
    ['a claim Pending for 2 min', [pending(2)], [provisioningFailed]],
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
});
