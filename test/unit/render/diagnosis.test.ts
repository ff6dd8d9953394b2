import type { Finding } from '../../../src/core/finding.js';
import { diagnosisNeedsSnippet, renderDiagnosisMessage, remedyButton, findingSection } from '../../../src/render/diagnosis.js';
import { diagnosisJson, renderDiagnosisText } from '../../../src/render/diagnosis-text.js';

function aFinding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'pod-crash-loop',
    severity: 'warning',
    title: 'Pod web-1 is crash looping',
    objects: ['default/Pod/web-1'],
    evidence: ['last exit code 1'],
    explanation: 'The container keeps failing.',
    remedy: 'Read its logs with /kube logs.',
    ...over,
  };
}

const blocksText = (blocks: readonly object[] | undefined) => JSON.stringify(blocks);

describe('renderDiagnosisMessage', () => {
  it('heads with the counts and gives each finding its section, remedy and reference', () => {
    const findings = [
      aFinding({
        rule: 'docker-volume-size-overlay2',
        severity: 'critical',
        title: 'overlay2 with a docker volume',
        reference: { title: 'Catalyst known issue "Cluster is created but pods fail"', url: 'https://docs.example/k8s#pods-fail' },
      }),
      aFinding(),
    ];
    const message = renderDiagnosisMessage({ cluster: 'prod-a', findings, checked: [] }, { requester: 'U1', ticketRef: 'uuid-1' });

    expect(message.text).toBe('Diagnosis of prod-a: 1 critical, 1 warning, 0 info');
    const sections = (message.blocks ?? [])
      .filter((b) => (b as { type: string }).type === 'section')
      .map((b) => (b as { text: { text: string } }).text.text);
    expect(sections[0]).toBe(':red_circle: Diagnosis of `prod-a`: *1 critical*, 1 warning, 0 info');
    expect(sections[1]).toBe(
      ':red_circle: *overlay2 with a docker volume*  `docker-volume-size-overlay2`\n• last exit code 1\n*Advice (the bot cannot do this for you):* Read its logs with /kube logs.\n_Reference:_ <https://docs.example/k8s#pods-fail|Catalyst known issue "Cluster is created but pods fail">',
    );
    expect(sections[2]).toContain(':warning: *Pod web-1 is crash looping*');
  });

  it('shows what a root finding breaks under Impact, at most four lines inline', () => {
    const impact = Array.from({ length: 6 }, (_, i) => `shop/Service/s${i} (port 80/TCP): no ready pod behind it, connections fail`);
    const message = renderDiagnosisMessage({ cluster: 'prod-a', findings: [aFinding({ impact })], checked: [] }, { requester: 'U1' });
    const section = (message.blocks ?? [])
      .map((b) => (b as { text?: { text: string } }).text?.text ?? '')
      .find((t) => t.includes('*Impact:*'));
    expect(section).toContain('*Impact:*\n• shop/Service/s0 (port 80/TCP): no ready pod behind it, connections fail\n');
    expect(section).toContain('• shop/Service/s3');
    expect(section).not.toContain('s4 (port');
    expect(section).toContain('• … 2 more in the snippet');
  });

  it('offers the ticket button with the cluster uuid', () => {
    const message = renderDiagnosisMessage(
      { cluster: 'prod-a', findings: [aFinding()], checked: [] },
      { requester: 'U1', ticketRef: 'uuid-1' },
    );
    const ticket = (message.blocks ?? []).find((b) => (b as { block_id?: string }).block_id === 'diagnosis-actions');

    expect(ticket).toEqual({
      type: 'actions',
      block_id: 'diagnosis-actions',
      elements: [
        { type: 'button', action_id: 'ticket-attach', text: { type: 'plain_text', text: 'Attach to support ticket' }, value: 'uuid-1' },
      ],
    });
  });

  it('turns a finding action into a remedy-<id> button whose value is the params as compact JSON', () => {
    const finding = aFinding({
      action: {
        id: 'delete-loadbalancers',
        label: 'Delete these 2 load balancers and retry',
        params: { cluster: 'uuid-1', loadBalancerIds: ['lb-1', 'lb-2'] },
      },
    });

    expect(remedyButton(finding)).toMatchObject({
      type: 'button',
      action_id: 'remedy-delete-loadbalancers',
      value: '{"cluster":"uuid-1","loadBalancerIds":["lb-1","lb-2"]}',
      style: 'danger',
    });
    expect(remedyButton(aFinding())).toBeNull();
    // The finding with a button says its remedy is one; without one, the remedy is named advice.
    expect(findingSection(finding)).toContain('*Remedy (the button below):* Read its logs');
    expect(findingSection(aFinding())).toContain('*Advice (the bot cannot do this for you):* Read its logs');
  });

  it('escapes hostile pod names and event messages', () => {
    const hostile = aFinding({
      title: 'Pod <!channel> is crash looping',
      evidence: ['message: <@U123> & <https://evil|click>'],
      remedy: 'run `rm` <!here>',
    });
    const text = blocksText(renderDiagnosisMessage({ cluster: 'prod-a', findings: [hostile], checked: [] }, { requester: 'U1' }).blocks);

    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;https://evil|click&gt;');
  });

  it('says "no problems found" with what was checked on a healthy cluster', () => {
    const message = renderDiagnosisMessage({ cluster: 'prod-a', findings: [], checked: ['3 nodes', '42 pods'] }, { requester: 'U1' });

    expect(message.text).toBe('No problems found on prod-a');
    expect(blocksText(message.blocks)).toContain('Checked: 3 nodes, 42 pods');
  });

  it('shows at most maxFindings sections and points to the snippet for the rest', () => {
    const findings = Array.from({ length: 5 }, (_, i) => aFinding({ title: `finding ${i}` }));
    const text = blocksText(renderDiagnosisMessage({ cluster: 'c', findings, checked: [] }, { requester: 'U1', maxFindings: 2 }).blocks);

    expect(text).toContain('finding 1');
    expect(text).not.toContain('finding 2');
    expect(text).toContain('and 3 more findings');
  });
});

describe('diagnosis text and JSON', () => {
  it('groups the text by severity', () => {
    const text = renderDiagnosisText('prod-a', [aFinding({ severity: 'critical', rule: 'a' }), aFinding({ rule: 'b' })]);

    expect(text.split('\n').slice(0, 4)).toEqual([
      'Diagnosis of cluster prod-a: 1 critical, 1 warning, 0 info',
      '',
      'CRITICAL (1)',
      '  [a] Pod web-1 is crash looping',
    ]);
    expect(text).toContain('WARNING (1)\n  [b]');
  });

  it('lists every object of merged evidence in the text', () => {
    const finding = aFinding({
      evidence: ['2 pods: CrashLoopBackOff (first: default/web-1, default/web-2)'],
      details: [
        'default/Pod/web-1 container app: CrashLoopBackOff, 7 restarts',
        'default/Pod/web-2 container app: CrashLoopBackOff, 3 restarts',
      ],
    });
    expect(renderDiagnosisText('prod-a', [finding])).toContain(
      '    every object:\n      - default/Pod/web-1 container app: CrashLoopBackOff, 7 restarts\n      - default/Pod/web-2 container app: CrashLoopBackOff, 3 restarts\n',
    );
  });

  it.each([
    ['a short diagnosis', [aFinding()], false],
    [
      'merged evidence whose full list is longer than the message shows',
      [aFinding({ details: Array.from({ length: 7 }, (_, i) => `d${i}`) })],
      true,
    ],
    ['merged evidence of a few objects (the ticket and the text carry them)', [aFinding({ details: ['a', 'b'] })], false],
    ['more evidence than the message shows', [aFinding({ evidence: Array.from({ length: 7 }, (_, i) => `e${i}`) })], true],
    ['more impact than the message shows', [aFinding({ impact: Array.from({ length: 5 }, (_, i) => `i${i}`) })], true],
    ['more findings than the message shows', Array.from({ length: 13 }, () => aFinding()), true],
  ])('needs the snippet for %s: %s', (_case, findings, expected) => {
    expect(diagnosisNeedsSnippet(findings)).toBe(expected);
  });

  it('lists the whole impact in the text', () => {
    const impact = [
      'shop/Service/orders (port 8080/TCP http): no ready pod behind it, connections fail',
      'shop/Deployment/orders: 0/2 ready',
    ];
    expect(renderDiagnosisText('prod-a', [aFinding({ impact })])).toContain(
      '    impact:\n      - shop/Service/orders (port 8080/TCP http): no ready pod behind it, connections fail\n      - shop/Deployment/orders: 0/2 ready\n',
    );
  });

  it('writes the reference as its title and link in the text and as an object in the JSON', () => {
    const reference = { title: 'Kolla README, Debugging', url: 'https://docs.example/kolla#debugging' };
    expect(renderDiagnosisText('prod-a', [aFinding({ reference })])).toContain(
      '    reference: Kolla README, Debugging (https://docs.example/kolla#debugging)\n',
    );
    expect(diagnosisJson('prod-a', [aFinding({ reference })]).findings[0]?.reference).toEqual(reference);
  });

  it('gives the CLI JSON fields, reference null when there is none', () => {
    expect(diagnosisJson('prod-a', [aFinding()])).toEqual({
      cluster: 'prod-a',
      findings: [
        {
          rule: 'pod-crash-loop',
          severity: 'warning',
          title: 'Pod web-1 is crash looping',
          objects: ['default/Pod/web-1'],
          evidence: ['last exit code 1'],
          impact: [],
          remedy: 'Read its logs with /kube logs.',
          reference: null,
        },
      ],
    });
  });
});
