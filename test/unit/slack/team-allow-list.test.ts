import { isAllowedOrigin, originOf } from '../../../src/slack/team-allow-list.js';

describe('originOf', () => {
  it('names the workspace of a slash command and its org', () => {
    expect(originOf({ team_id: 'T1', enterprise_id: 'E1', user_id: 'U1' })).toEqual({ teams: ['T1'], enterprise: 'E1' });
  });

  it('names both the workspace and the clicking user’s team of an interaction, once each', () => {
    expect(originOf({ team: { id: 'T1' }, user: { id: 'U1', team_id: 'T2' }, enterprise: null })).toEqual({
      teams: ['T1', 'T2'],
      enterprise: undefined,
    });
    expect(originOf({ team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' } }).teams).toEqual(['T1']);
  });

  it('names nothing for a body without teams', () => {
    expect(originOf(undefined)).toEqual({ teams: [], enterprise: undefined });
    expect(originOf({ team_id: '', user: null })).toEqual({ teams: [], enterprise: undefined });
  });
});

describe('isAllowedOrigin', () => {
  const allowed = new Set(['T1', 'E9']);

  it.each([
    ['its own workspace', { teams: ['T1'], enterprise: undefined }, true],
    ['an external member in its own workspace’s channel', { teams: ['T1', 'T2'], enterprise: undefined }, false],
    ['another workspace', { teams: ['T2'], enterprise: undefined }, false],
    ['any workspace of a listed org', { teams: ['T7'], enterprise: 'E9' }, true],
    ['a request naming no team', { teams: [], enterprise: undefined }, false],
  ])('%s: %s', (_name, origin, expected) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(expected);
  });

  it('allows nothing before the bot knows its own workspace', () => {
    expect(isAllowedOrigin({ teams: ['T1'], enterprise: undefined }, new Set())).toBe(false);
  });
});
