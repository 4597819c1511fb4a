// Field selection helpers shared by the node renderers.

/** Keeps the named keys of an object, in the order asked, skipping absent ones. */
export function pick(source: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) if (source[n] !== undefined) out[n] = source[n];
  return out;
}

/** Splits a comma list parameter, dropping blanks. */
export function commaList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
