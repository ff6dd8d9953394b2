import { COMMANDS } from '../../../commands/index.js';
import type { Message } from '../../../src/core/ports.js';
import { seededRandom as prng } from '../../helpers/seeded-random.js';
import { runSlash } from './command-kit.js';

/**
 * Random command text through the real router and every parser: nothing throws, every answer
 * is a message, nothing is enqueued twice, and text from the user never comes back as a live
 * Slack mention or link. Seeded, so a failure names the text that caused it and replays.
 */

const SEED = 0x6b756265;
const CASES = 2_000;

const FLAGS = [
  '--nodes',
  '-n',
  '--replicas',
  '--template',
  '--label',
  '--docker-volume-size',
  '--tail',
  '--previous',
  '-c',
  '--nodegroup',
  '--problems',
  '--timeout',
  '--',
  '-',
  '--=',
  '--nodes=3',
];
const HOSTILE = [
  '<!channel>',
  '<@U123>',
  '<https://evil.example|click>',
  '*bold*',
  '`code`',
  '"',
  "'",
  '\\',
  '=',
  ',',
  '/',
  '../..',
  '\u0000',
  '\u202e',
  '😀',
  'ns/pod',
  'a/b/c/d',
  '-1',
  '0',
  '1e9',
  '99999',
  'NaN',
  '3.5',
  'k=v',
  'k=',
  '=v',
];

function randomWord(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kind = next();
  if (kind < 0.25) return pick(COMMANDS).name;
  if (kind < 0.45) return pick(FLAGS);
  if (kind < 0.7) return pick(HOSTILE);
  if (kind < 0.8) return 'x'.repeat(1 + Math.floor(next() * 400));
  const length = 1 + Math.floor(next() * 12);
  return Array.from({ length }, () => String.fromCodePoint(32 + Math.floor(next() * 0x2fff))).join('');
}

function randomText(next: () => number): string {
  const words = Array.from({ length: Math.floor(next() * 8) }, () => randomWord(next));
  const separators = [' ', '  ', '\t', '\n', ' "', '" '];
  return words.map((w, i) => (i === 0 ? w : `${separators[Math.floor(next() * separators.length)] ?? ' '}${w}`)).join('');
}

function textsOf(message: Message): string {
  return JSON.stringify([message.text, message.blocks ?? []]);
}

describe('the router on random command text', () => {
  it(`answers ${CASES} random texts without throwing, echoing no live mention or link`, async () => {
    const next = prng(SEED);
    for (let i = 0; i < CASES; i += 1) {
      const text = randomText(next);
      const result = await runSlash(COMMANDS, text).catch((error: unknown) => ({ error }));
      if ('error' in result) throw new Error(`case ${i}: ${JSON.stringify(text)} threw ${String(result.error)}`);
      const { enqueued, replies, planned } = result;
      const context = `case ${i}: ${JSON.stringify(text)}`;
      expect([context, enqueued.length <= 1]).toEqual([context, true]);
      if (planned === 'reply') expect([context, replies.length]).toEqual([context, 1]);
      for (const reply of replies) {
        const shown = textsOf(reply);
        expect([context, shown.length > 2]).toEqual([context, true]);
        for (const live of ['<!channel>', '<@U123>', '<https://evil.example|click>']) {
          expect([context, shown.includes(live)]).toEqual([context, false]);
        }
      }
      for (const job of enqueued)
        expect([context, job.options.jobId.length > 0, JSON.parse(JSON.stringify(job.data))]).toEqual([context, true, job.data]);
    }
  });
});
