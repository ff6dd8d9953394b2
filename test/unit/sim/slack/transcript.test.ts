import { renderEphemerals, renderTranscript, type TranscriptMessage } from '../../../../src/sim/slack/transcript.js';

const root: TranscriptMessage = {
  ts: '1700000000.000100',
  user: 'U0BOT',
  username: 'kube-chatops',
  text: 'Cluster prod: CREATE_FAILED',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Cluster prod' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*CREATE_FAILED* after 61 min &amp; <https://dash.example/prod|dashboard>' },
      fields: [
        { type: 'mrkdwn', text: '*Nodes*\n3' },
        { type: 'mrkdwn', text: '*Template*\nk8s-1.31' },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'requested by <@U1ALICE>' },
        { type: 'plain_text', text: 'job 42' },
      ],
    },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: 'retry' },
        { type: 'button', text: { type: 'plain_text', text: 'Attach to ticket' }, action_id: 'ticket' },
      ],
    },
  ],
  history: [{}, {}],
};

const reply: TranscriptMessage = {
  ts: '1700000065.000200',
  user: 'U0BOT',
  username: 'kube-chatops',
  text: '',
  files: [{ filename: 'prod.txt', title: 'prod diagnosis', content: 'stack: CREATE_FAILED\nreason: quota exceeded\n' }],
};

describe('renderTranscript', () => {
  it('shows author, time, flattened blocks, edits and snippets as indented code', () => {
    expect(renderTranscript([root, reply])).toBe(
      [
        '22:13:20  kube-chatops  (edited 2×)',
        '  # Cluster prod',
        '  *CREATE_FAILED* after 61 min & dashboard (https://dash.example/prod)',
        '  • *Nodes* 3',
        '  • *Template* k8s-1.31',
        '  requested by @U1ALICE · job 42',
        '  [Retry] [Attach to ticket]',
        '  ↳ 22:14:25  kube-chatops',
        '      📎 prod diagnosis (prod.txt)',
        '          stack: CREATE_FAILED',
        '          reason: quota exceeded',
      ].join('\n'),
    );
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderTranscript([{ ts: '1700000000.000100', user: 'U1', text: 'line one\nline two' }])).toBe(
      '22:13:20  U1\n  line one\n  line two',
    );
  });

  it('shortens long snippets', () => {
    const content = Array.from({ length: 5 }, (_, i) => `line ${i}`).join('\n');
    const text = renderTranscript([{ ...reply, files: [{ filename: 'a.txt', title: 'a.txt', content }] }], { maxSnippetLines: 2 });
    expect(text.split('\n').slice(1)).toEqual(['  📎 a.txt', '      line 0', '      line 1', '      … 3 more lines']);
  });
});

describe('renderEphemerals', () => {
  it('marks each answer as visible to its user', () => {
    expect(renderEphemerals([{ user: 'U1ALICE', text: 'Queued &amp; running', at: Date.UTC(2026, 0, 1, 9, 30, 5) }])).toBe(
      '09:30:05  (only visible to U1ALICE)\n  Queued & running',
    );
  });
});
