/** Slack mrkdwn helpers: untrusted text must pass through `escapeMrkdwn` before it is posted. */

/** Escapes the three characters Slack treats as control sequences in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code with untrusted content; backticks inside would close the span early. */
export function code(text: string): string {
  return '`' + escapeMrkdwn(text.replace(/`/g, 'ˋ')) + '`';
}

/** A fenced code block; triple backticks inside would end it. */
export function codeBlock(text: string): string {
  return '```\n' + escapeMrkdwn(text.replace(/```/g, 'ˋˋˋ')) + '\n```';
}

export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Cuts text to `max` characters, saying how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n… (${text.length - max} more characters)`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** A Slack link: `<url|label>`, the label escaped (the url is ours, never user input). */
export function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label)}>`;
}
