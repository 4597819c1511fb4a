// The digest's tab and the columns it owns: asked by the tab-name check too, so kept apart from the digest.
export const DIGEST_TAB = 'Weekly Digest';
/** Columns the digest owns (A to H); the person's own columns to their right stay. */
export const DIGEST_WIDTH = 8;
