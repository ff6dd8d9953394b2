import { ageSince, humanDuration } from '../../../src/diagnostics/human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 30 * s, '5m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [32 * m, '32m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 2 * m, '5h2m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [3 * d, '3d'],
    [3 * d + 4 * h, '3d4h'],
    [8 * d + 5 * h, '8d'],
    [364 * d, '364d'],
    [2 * 365 * d + 3 * d, '2y3d'],
    [9 * 365 * d, '9y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('is <unknown> without a creation time', () => {
    expect(ageSince(null, 0)).toBe('<unknown>');
  });
});
