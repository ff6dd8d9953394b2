import { podsTableIsLong, renderPodsMessage } from '../../../src/render/pods-message.js';

describe('pods message', () => {
  const base = { cluster: 'prod-a', namespace: null, problemsOnly: false, total: 3, problems: 1, requester: 'U1' };

  it('shows a short table inline, escaped inside a code block', () => {
    const table = 'NAMESPACE   NAME\nweb         <!channel>\n';
    const message = renderPodsMessage({ ...base, table });
    const text = JSON.stringify(message.blocks);

    expect(message.text).toBe('Pods of prod-a: 3 pods, 1 need attention');
    expect(text).toContain('```\\nNAMESPACE   NAME\\nweb         &lt;!channel&gt;\\n```');
    expect(text).not.toContain('<!channel>');
  });

  it('points to the snippet when the table is long', () => {
    const table = 'x'.repeat(5000);
    const text = JSON.stringify(renderPodsMessage({ ...base, table }).blocks);

    expect(podsTableIsLong(table)).toBe(true);
    expect(text).toContain('attached as a snippet');
    expect(text).not.toContain('xxxxxxxxxx');
  });
});
