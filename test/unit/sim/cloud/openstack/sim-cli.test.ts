import { describe, expect, it } from '@jest/globals';
import { SCENARIO_NAMES } from '../../../../../src/sim/cloud/scenarios.js';
import { runSimCli } from '../../../../../src/sim/cloud/sim-cli.js';

describe('npm run sim', () => {
  it('lists every scenario with its description and starts nothing', async () => {
    const lines: string[] = [];
    const running = await runSimCli(['--list-scenarios'], (l) => lines.push(l));
    expect(running).toBeNull();
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(SCENARIO_NAMES);
  });

  it('refuses a speed that is not a number', async () => {
    await expect(runSimCli(['--speed', 'fast'], () => undefined)).rejects.toThrow('--speed needs a non-negative number');
  });
});
