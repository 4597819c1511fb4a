// The Graph API `fields` parameter: `a,b{c,d},e.limit(5){f},insights.metric(x,y){values}`,
// `media.after(cursor).limit(25){...}`, `business_discovery.username(name){...}`.

export interface FieldRequest {
  name: string;
  /** Modifiers such as limit, after, metric, username, media_id: name -> its comma-separated arguments. */
  modifiers: Record<string, string[]>;
  /** Sub-fields in braces, or undefined when none were given. */
  children?: FieldRequest[];
}

export class FieldsSyntaxError extends Error {}

/** Parses a fields expression. Throws FieldsSyntaxError with Meta-like text on bad input. */
export function parseFields(text: string): FieldRequest[] {
  let pos = 0;
  const fail = (what: string): never => {
    throw new FieldsSyntaxError(`Syntax error "${what}" at character ${pos}: ${text}`);
  };
  const ident = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!m) fail(pos >= text.length ? 'Expected field name instead of end of string.' : `Expected field name instead of "${text[pos]}".`);
    pos += m![0].length;
    return m![0];
  };
  const args = (): string[] => {
    const close = text.indexOf(')', pos);
    if (close < 0) fail('Expected ")" instead of end of string.');
    const inside = text.slice(pos, close);
    pos = close + 1;
    return inside === '' ? [] : inside.split(',').map((s) => s.trim());
  };
  const list = (closing: string | null): FieldRequest[] => {
    const items: FieldRequest[] = [];
    for (;;) {
      while (text[pos] === ' ') pos++;
      const field: FieldRequest = { name: ident(), modifiers: {} };
      while (text[pos] === '.') {
        pos++;
        const mod = ident();
        if (text[pos] !== '(') fail(`Expected "(" instead of "${text[pos] ?? 'end of string'}".`);
        pos++;
        field.modifiers[mod] = args();
      }
      if (text[pos] === '{') {
        pos++;
        field.children = list('}');
      }
      items.push(field);
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (closing && text[pos] === closing) {
        pos++;
        return items;
      }
      if (!closing && pos >= text.length) return items;
      fail(pos >= text.length ? `Expected "${closing}" instead of end of string.` : `Expected end of string instead of "${text[pos]}".`);
    }
  };
  if (text.trim() === '') return [];
  return list(null);
}

/** The plain names of a field list (for error messages and simple checks). */
export function fieldNames(fields: FieldRequest[]): string[] {
  return fields.map((f) => f.name);
}
