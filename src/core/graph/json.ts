// JSON from Meta, read so that ids stay exact: Instagram ids exceed 2^53, and a few endpoints send
// them as bare numbers (user_id on the Instagram-Login code exchange), which JSON.parse would round.

const ID_KEYS = ['id', 'user_id', 'ig_id'];
const bareIdPattern = new RegExp(`((?:^|[^\\\\])"(?:${ID_KEYS.join('|')})"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g');

/** JSON.parse, with numeric ids turned into strings from the raw digits. Throws SyntaxError when not JSON. */
export function parseGraphJson(text: string): unknown {
  return JSON.parse(text.replace(bareIdPattern, '$1"$2"'));
}

/** The parsed body, or undefined when it is not JSON. */
export function tryParseGraphJson(text: string): unknown {
  try {
    return parseGraphJson(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
