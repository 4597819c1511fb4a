// The digest's tab and the columns it owns: asked by the tab-name check too, so kept apart from the digest.
export const DIGEST_TAB = 'Weekly Digest';
/** Columns the digest owns (A to H); the person's own columns to their right stay. */
export const DIGEST_WIDTH = 8;
/** Where the digest goes when the person has a tab of their own named DIGEST_TAB. */
export const DIGEST_TAB_ASIDE = 'Weekly Digest (Sheetgram)';
/** A1 of the digest: how Sheetgram knows a tab of that name is its own. */
export const DIGEST_TITLE = 'Sheetgram weekly digest';
