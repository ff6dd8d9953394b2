/** Block Kit -> plain lines, for transcripts. Tolerates any shape (unknown blocks show their type). */

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);

/** Slack's mrkdwn escapes and links, made readable: `<url|label>` -> `label (url)`, `<@U1>` -> `@U1`. */
export function mrkdwnToText(text: string): string {
  return text
    .replace(/<([^>|]+)\|([^>]+)>/g, (_m, target: string, label: string) => (/^[@#!]/.test(target) ? label : `${label} (${target})`))
    .replace(/<([@#!][^>]+)>/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return mrkdwnToText(value);
  if (isObj(value) && typeof value['text'] === 'string') return mrkdwnToText(value['text']);
  return '';
}

function elementText(element: Obj): string {
  switch (element['type']) {
    case 'button':
      return `[${textOf(element['text'])}]`;
    case 'image':
      return `[image: ${String(element['alt_text'] ?? '')}]`;
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return `[${textOf(element['placeholder']) || 'select'} ▾]`;
    case 'overflow':
      return '[⋯]';
    case 'mrkdwn':
    case 'plain_text':
      return textOf(element);
    default:
      return `[${String(element['type'] ?? 'element')}]`;
  }
}

function richText(value: unknown): string {
  if (Array.isArray(value)) return value.map(richText).join('');
  if (!isObj(value)) return '';
  if (typeof value['text'] === 'string') return value['text'];
  if (value['type'] === 'user') return `@${String(value['user_id'] ?? '')}`;
  if (value['type'] === 'link') return String(value['url'] ?? '');
  const inner = richText(value['elements']);
  return value['type'] === 'rich_text_preformatted' || value['type'] === 'rich_text_list' ? `${inner}\n` : inner;
}

/** One block as lines of text. */
export function blockLines(block: Obj): string[] {
  switch (block['type']) {
    case 'header':
      return [`# ${textOf(block['text'])}`];
    case 'section': {
      const lines = textOf(block['text']) === '' ? [] : textOf(block['text']).split('\n');
      for (const field of list(block['fields'])) lines.push(`• ${textOf(field).replace(/\n/g, ' ')}`);
      if (isObj(block['accessory'])) lines.push(`  ${elementText(block['accessory'])}`);
      return lines;
    }
    case 'context':
      return [list(block['elements']).map(elementText).join(' · ')];
    case 'actions':
      return [list(block['elements']).map(elementText).join(' ')];
    case 'divider':
      return ['────────'];
    case 'markdown':
      return String(block['text'] ?? '').split('\n');
    case 'rich_text':
      return richText(block['elements']).replace(/\n$/, '').split('\n');
    case 'image':
      return [`[image: ${String(block['alt_text'] ?? '')}]`];
    case 'input':
      return [`${textOf(block['label'])}: ${isObj(block['element']) ? elementText(block['element']) : ''}`];
    default:
      return [`[${String(block['type'] ?? 'block')}]`];
  }
}

/** All blocks as lines. */
export function blocksToLines(blocks: readonly object[]): string[] {
  return blocks.filter(isObj).flatMap(blockLines);
}
