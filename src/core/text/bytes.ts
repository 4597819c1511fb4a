// Sizes as Google counts them: property stores, upload limits and cells are measured in UTF-8 bytes.

/** UTF-8 bytes of a text (what Google counts against its size limits). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}
