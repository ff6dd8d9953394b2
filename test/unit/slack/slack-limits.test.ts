import { fitMessage, MAX_BLOCKS, MAX_SECTION_TEXT_CHARS, MAX_TEXT_CHARS } from '../../../src/slack/slack-limits.js';

describe('fitMessage', () => {
  it('leaves a message within the limits alone', () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    expect(fitMessage({ text: 'hi', blocks })).toEqual({ text: 'hi', blocks });
  });

  it('cuts text to 40,000 characters, ending with an ellipsis', () => {
    const { text } = fitMessage({ text: 'x'.repeat(MAX_TEXT_CHARS + 10) });
    expect([text.length, text.endsWith('…')]).toEqual([MAX_TEXT_CHARS, true]);
  });

  it('keeps 49 blocks and says how many more were cut', () => {
    const blocks = Array.from({ length: 60 }, (_, i) => ({ type: 'divider', block_id: String(i) }));
    const fitted = fitMessage({ text: 't', blocks }).blocks ?? [];
    expect(fitted).toHaveLength(MAX_BLOCKS);
    expect(fitted[MAX_BLOCKS - 1]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '11 more blocks were cut (Slack allows 50).' }],
    });
  });

  it('cuts a section text past 3,000 characters', () => {
    const fitted = fitMessage({ text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(5000) } }] });
    expect(fitted.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: `${'y'.repeat(MAX_SECTION_TEXT_CHARS - 1)}…` } }]);
  });
});
