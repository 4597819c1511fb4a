// Bytes as Apps Script sees them: byte arrays are plain arrays of signed numbers (-128..127), text
// is UTF-8 unless a charset says otherwise, and Blobs are anything with getBytes().

export interface BlobLike {
  getBytes(): number[];
  getContentType?(): string | null;
  getName?(): string | null;
}

export function isBlobLike(value: unknown): value is BlobLike {
  return typeof value === 'object' && value !== null && typeof (value as BlobLike).getBytes === 'function';
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Accepts signed (Apps Script) or unsigned byte numbers. */
export function fromByteArray(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xff;
  return out;
}

/** Google's getContent()/getBytes(): a plain array of signed bytes. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export function decode(bytes: Uint8Array, charset = 'utf-8'): string {
  return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = contentType ? /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return match ? match[1] : undefined;
}
