import { create } from '../../../commands/create.js';
import { createRegistry } from '../../../commands/registry.js';
import { ORIGIN, recordingDeps, runSlash } from './command-kit.js';

describe('/kube create', () => {
  it('enqueues cluster-create with every flag validated, labels as a map', async () => {
    const text =
      'create prod-b --template k8s-1.27 --nodes 3 --masters 3 --flavor c1.c4r8 --master-flavor c1.c2r4 --keypair ops --label a=1 --label b=x,c=y --docker-volume-size 20 --timeout 90';
    const { enqueued } = await runSlash([create], text);

    expect(enqueued.map((e) => [e.name, e.data, e.options.jobId])).toEqual([
      [
        'cluster-create',
        {
          ...ORIGIN,
          spec: {
            cluster: 'prod-b',
            template: 'k8s-1.27',
            nodes: 3,
            masters: 3,
            flavor: 'c1.c4r8',
            masterFlavor: 'c1.c2r4',
            keypair: 'ops',
            labels: { a: '1', b: 'x', c: 'y' },
            dockerVolumeSize: 20,
            timeout: 90,
          },
        },
        'cluster-create-C1-123.456.abc',
      ],
    ]);
  });

  it.each([
    ['create 9lives', 'is not a valid cluster name'],
    ['create prod-b --nodes 0', '`--nodes` must be at least 1.'],
    ['create prod-b --masters two', '`--masters` must be a whole number.'],
    ['create prod-b --docker-volume-size -5', '`--docker-volume-size` must be a whole number.'],
    ['create prod-b --label novalue', 'must look like `key=value`'],
    ['create prod-b --label kube_chatops_op=x', 'reserved for the bot'],
    ['create prod-b --flavor "c1 big"', 'is not a valid name'],
    ['create prod-b extra', 'Unexpected argument `extra`'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([create], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('needs the operator role', async () => {
    const { enqueued, replies } = await runSlash([create], 'create prod-b', 'viewer');

    expect(replies.map((r) => r.text)).toEqual(['You need the operator role.']);
    expect(enqueued).toEqual([]);
  });

  it('opens the form, with the channel in its metadata, when given no arguments', async () => {
    const opened: Array<{ trigger: string; view: object }> = [];
    const { deps } = recordingDeps();
    const { commands: router } = createRegistry([create], {
      ...deps,
      modals: { open: async (trigger, view) => void opened.push({ trigger, view }) },
    });
    const plan = router.plan({ text: 'create', userId: 'U1', teamId: 'T1', channelId: 'C1', triggerId: 'trig-1' });
    if (plan.kind !== 'run') throw new Error('expected a run plan');
    await plan.run(async () => undefined);

    expect(
      opened.map((o) => [
        o.trigger,
        (o.view as { callback_id: string; private_metadata: string }).callback_id,
        (o.view as { private_metadata: string }).private_metadata,
      ]),
    ).toEqual([['trig-1', 'lifecycle-create', '{"channel":"C1"}']]);
  });
});
