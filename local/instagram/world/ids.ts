// Generated ids: 17-digit strings whose prefix says what they are, so any object can be found again
// (or regenerated) from its id alone.

export const ID_PREFIX = {
  post: '1790',
  child: '1791',
  story: '1792',
  comment: '1793',
  tagged: '1794',
  hashtagTop: '1795',
  hashtagRecent: '1797',
  hashtag: '1784',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/** prefix (4) + owner index (2) + serial (11) = 17 digits. */
export function makeId(kind: IdKind, owner: number, serial: number): string {
  return `${ID_PREFIX[kind]}${String(owner).padStart(2, '0')}${String(serial).padStart(11, '0')}`;
}

export function parseId(id: string): { kind: IdKind; owner: number; serial: number } | undefined {
  if (!/^\d{17}$/.test(id)) return undefined;
  const prefix = id.slice(0, 4);
  const kind = (Object.keys(ID_PREFIX) as IdKind[]).find((k) => ID_PREFIX[k] === prefix);
  if (!kind) return undefined;
  return { kind, owner: Number(id.slice(4, 6)), serial: Number(id.slice(6)) };
}

/** Instagram-like shortcode for permalinks. */
export function shortcodeOf(id: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let n = BigInt(id);
  let code = '';
  while (n > 0n) {
    code = alphabet[Number(n % 64n)] + code;
    n /= 64n;
  }
  return code;
}
