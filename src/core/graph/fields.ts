// Builds Graph field lists with expansions, so callers never hand-write strings such as
// "id,insights.metric(reach,views){values},children{id,media_type}". Names are checked, so a
// stray brace or comma cannot change what is asked.

export type FieldSpec = string | FieldExpansion;

export interface FieldExpansion {
  name: string;
  /** Modifiers in order, e.g. { metric: ['reach', 'views'] } or { limit: 50 } or { after: 'QVFI...' }. */
  modifiers: [string, string][];
  fields: FieldSpec[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ARGUMENT = /^[A-Za-z0-9_\-=.:]+$/;

function checkName(name: string, what: string): string {
  if (!NAME.test(name)) throw new Error(`Not a valid Graph ${what}: ${JSON.stringify(name)}`);
  return name;
}

function argument(value: string | number | readonly (string | number)[]): string {
  const parts = Array.isArray(value) ? value.map(String) : [String(value)];
  for (const part of parts) {
    if (!ARGUMENT.test(part)) throw new Error(`Not a valid Graph modifier argument: ${JSON.stringify(part)}`);
  }
  return parts.join(',');
}

/** An expansion: expand('insights', { metric: ['reach', 'views'] }, ['values']). */
export function expand(name: string, modifiers: Record<string, string | number | readonly (string | number)[]> = {}, fields: FieldSpec[] = []): FieldExpansion {
  return {
    name: checkName(name, 'field'),
    modifiers: Object.entries(modifiers).map(([k, v]) => [checkName(k, 'modifier'), argument(v)]),
    fields,
  };
}

function render(spec: FieldSpec): string {
  if (typeof spec === 'string') return checkName(spec, 'field');
  const modifiers = spec.modifiers.map(([k, v]) => `.${k}(${v})`).join('');
  return `${spec.name}${modifiers}${spec.fields.length ? `{${fieldList(spec.fields)}}` : ''}`;
}

/** The `fields=` value for these specs. */
export function fieldList(specs: readonly FieldSpec[]): string {
  return specs.map(render).join(',');
}
