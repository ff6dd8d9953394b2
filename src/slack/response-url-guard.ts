/**
 * Decides whether a `response_url` from a payload may be POSTed to.
 *
 * Why: the bot POSTs the reply to whatever URL the payload names. Signature checks make a
 * forged payload unlikely, but a stolen signing secret, a misconfigured proxy or a test
 * harness could hand us `http://169.254.169.254/...` or an attacker's host, turning the bot
 * into an SSRF probe and leaking reply text (cluster names, errors) there. Slack only ever
 * issues response URLs on its own hosts, so anything else goes through `chat.postEphemeral`
 * with the bot token instead. The host of the configured `apiUrl` is also trusted, which is
 * how the local stand-in serves `/response/<id>`.
 */
export function isTrustedResponseUrl(responseUrl: string | undefined, apiUrl: string): boolean {
  if (responseUrl === undefined || responseUrl === '') return false;
  let target: URL;
  try {
    target = new URL(responseUrl);
  } catch {
    return false;
  }
  if (target.username !== '' || target.password !== '') return false;
  const host = target.hostname.toLowerCase();
  if (target.protocol === 'https:' && (host === 'slack.com' || host.endsWith('.slack.com')) && target.port === '') return true;
  let api: URL;
  try {
    api = new URL(apiUrl);
  } catch {
    return false;
  }
  return target.protocol === api.protocol && target.host.toLowerCase() === api.host.toLowerCase();
}
