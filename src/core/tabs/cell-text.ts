// How Sheetgram reads what a person may have typed into a tab: a header whatever its case and spaces, and
// a cell's text without the apostrophe that keeps text from becoming a formula or a number.

/** A header as matched: trimmed, in any case ("run date " finds "Run date"). */
export const headerKey = (header: unknown): string => String(header ?? '').trim().toLowerCase();

/** A cell's text as the person reads it: without the escaping apostrophe, trimmed. */
export const cellText = (cell: unknown): string => String(cell ?? '').replace(/^'/, '').trim();
