import { isTrustedResponseUrl } from '../../../src/slack/response-url-guard.js';

const SLACK_API = 'https://slack.com/api/';

describe('isTrustedResponseUrl', () => {
  it.each([
    'https://hooks.slack.com/commands/T0001/1234/abcd',
    'https://hooks.slack.com/actions/T0001/1234/abcd',
    'https://slack.com/response/abcd',
    'https://HOOKS.SLACK.COM/commands/x',
  ])('trusts Slack-issued %s', (url) => {
    expect(isTrustedResponseUrl(url, SLACK_API)).toBe(true);
  });

  it.each([
    ['plain http to Slack', 'http://hooks.slack.com/commands/x'],
    ['a look-alike domain', 'https://hooks.slack.com.evil.example/commands/x'],
    ['a suffix without the dot', 'https://evilslack.com/commands/x'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['credentials in the URL', 'https://user:pw@hooks.slack.com/commands/x'],
    ['an odd port', 'https://hooks.slack.com:8443/commands/x'],
    ['not a URL', 'hooks.slack.com/commands/x'],
    ['empty', ''],
    ['missing', undefined],
  ])('refuses %s', (_name, url) => {
    expect(isTrustedResponseUrl(url, SLACK_API)).toBe(false);
  });

  it('trusts the host of the configured API URL (the local stand-in)', () => {
    expect(isTrustedResponseUrl('http://127.0.0.1:4555/response/R1', 'http://127.0.0.1:4555/api/')).toBe(true);
  });

  it('refuses another port or scheme on the API host', () => {
    expect(isTrustedResponseUrl('http://127.0.0.1:4556/response/R1', 'http://127.0.0.1:4555/api/')).toBe(false);
    expect(isTrustedResponseUrl('https://127.0.0.1:4555/response/R1', 'http://127.0.0.1:4555/api/')).toBe(false);
  });
});
