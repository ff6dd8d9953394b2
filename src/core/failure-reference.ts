/**
 * The reference a job's final-failure message shows (`ref 1a2b3c4d`), from the message's post
 * key: the same on every run of the job's last attempt, and logged with the failure, so that a
 * reference a user quotes finds its log lines. FNV-1a (32 bits) of the key: a label to search
 * the log for, not a secret.
 */
export function failureReference(postKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < postKey.length; i += 1) {
    hash ^= postKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
