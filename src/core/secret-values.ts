/**
 * Which template values not to print. A review comment is read by everyone with access to the pull request and
 * kept forever, so a value is masked when either
 *
 * - its key (or the `Name`/`Key` beside a `Value`) names a secret: password, passphrase, secret, token,
 *   credential, private key, API key, access key — unless the key only points at a secret or describes it (…Arn,
 *   …Id, …Name, …Type, …Source, …Length), and only for string values (booleans and numbers show direction), or
 * - the value itself looks random: a word of 20+ characters (split at - _ . : @ , ;) without spaces, upper and
 *   lower case letters and digits mixed, and a Shannon entropy of at least 4 bits per character (AWS secret keys, tokens, JWTs). Lower-case hex
 *   (asset hashes, digests) is not masked: it is how CDK names assets, and hiding it would hide every code change.
 *
 * A heuristic: a secret under an ordinary key with a low-entropy value ("hunter2" under `Description`) is shown.
 * Secrets belong in Secrets Manager or SSM, which templates reference rather than contain.
 */

export const MASK = '••••••';

const SECRET_KEY = /passw(or)?d|passphrase|secret|token|credential|private_?key|api_?key|access_?key/i;
/** Keys that name where a secret lives, not the secret. */
const POINTER_KEY = /(arn|id|ids|name|names|ref|location|path|policy|rotation|source|type|string_?template|length|key_?id)$/i;

export function looksSecret(key: string | undefined, value?: string): boolean {
  if (key !== undefined && SECRET_KEY.test(key) && !isPointerKey(key)) return true;
  return value !== undefined && looksRandom(value);
}

/** A key that names where a secret is (`SecretArn` under `MasterUserSecret`): shown even inside a secret's block. */
export function isPointerKey(key: string): boolean {
  return POINTER_KEY.test(key);
}

function looksRandom(value: string): boolean {
  if (/\s/.test(value) || /^arn:/.test(value) || /^[a-z]+:\/\//i.test(value)) return false;
  // Judged per word: "ELBSecurityPolicy-TLS13-1-2-2021-06" is long and mixed, but made of short words.
  return value.split(/[-_.:@,;]/).some((word) => word.length >= 20 && /[a-z]/.test(word) && /[A-Z]/.test(word) && /[0-9]/.test(word) && entropy(word) >= 4);
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
