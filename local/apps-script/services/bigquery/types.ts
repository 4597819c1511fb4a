// Types: BigQuery's column types as the API spells them (the legacy names it answers with), the
// DuckDB type each is stored as, the way back from a DuckDB result type, and schemas.
import { BQ_ERRORS } from './errors';
import { checkFieldName } from './names';

/** The types the API answers with: tables.get and query schemas say INTEGER, FLOAT, BOOLEAN. */
export type BqType = 'STRING' | 'INTEGER' | 'FLOAT' | 'NUMERIC' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'DATETIME';
export type BqMode = 'NULLABLE' | 'REQUIRED' | 'REPEATED';

export interface Field {
  name: string;
  type: BqType;
  mode: BqMode;
  description?: string;
}

const ALIASES: Record<string, BqType> = {
  STRING: 'STRING',
  INT64: 'INTEGER',
  INTEGER: 'INTEGER',
  FLOAT64: 'FLOAT',
  FLOAT: 'FLOAT',
  NUMERIC: 'NUMERIC',
  DECIMAL: 'NUMERIC',
  BOOL: 'BOOLEAN',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  DATETIME: 'DATETIME',
};
/** Types BigQuery has and this runtime does not store. */
const NOT_LOCAL = new Set(['BYTES', 'TIME', 'GEOGRAPHY', 'JSON', 'BIGNUMERIC', 'BIGDECIMAL', 'INTERVAL', 'RANGE', 'RECORD', 'STRUCT']);

export function normalizeType(type: unknown): BqType {
  const name = String(type ?? '').toUpperCase();
  if (ALIASES[name]) return ALIASES[name];
  if (NOT_LOCAL.has(name)) throw BQ_ERRORS.notImplemented(`columns of type ${name}`);
  throw BQ_ERRORS.invalidType(String(type));
}

export const DUCK_TYPES: Record<BqType, string> = {
  STRING: 'VARCHAR',
  INTEGER: 'BIGINT',
  FLOAT: 'DOUBLE',
  NUMERIC: 'DECIMAL(38,9)',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMPTZ',
  DATETIME: 'TIMESTAMP',
};

/** The BigQuery type of a DuckDB result column (type as DuckDB prints it). */
export function bqTypeOfDuck(duckType: string): { type: BqType; mode: BqMode } {
  const t = duckType.trim().toUpperCase();
  if (t.endsWith('[]')) {
    const inner = bqTypeOfDuck(t.slice(0, -2));
    if (inner.mode === 'REPEATED') throw BQ_ERRORS.notImplemented('arrays of arrays');
    return { type: inner.type, mode: 'REPEATED' };
  }
  if (t === 'VARCHAR') return { type: 'STRING', mode: 'NULLABLE' };
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INTEGER_LITERAL)$/.test(t)) return { type: 'INTEGER', mode: 'NULLABLE' };
  if (t === 'DOUBLE' || t === 'FLOAT') return { type: 'FLOAT', mode: 'NULLABLE' };
  if (t.startsWith('DECIMAL')) return { type: 'NUMERIC', mode: 'NULLABLE' };
  if (t === 'BOOLEAN') return { type: 'BOOLEAN', mode: 'NULLABLE' };
  if (t === 'DATE') return { type: 'DATE', mode: 'NULLABLE' };
  if (t === 'TIMESTAMP WITH TIME ZONE') return { type: 'TIMESTAMP', mode: 'NULLABLE' };
  if (t === 'TIMESTAMP') return { type: 'DATETIME', mode: 'NULLABLE' };
  // A NULL literal has no type of its own; BigQuery calls it INT64.
  if (t === 'NULL' || t === '"NULL"' || t === 'SQLNULL') return { type: 'INTEGER', mode: 'NULLABLE' };
  throw BQ_ERRORS.notImplemented(`query results of DuckDB type ${duckType}`, 'invalidQuery');
}

/** A schema as the API takes it ({ fields: [{ name, type, mode }] }), checked and normalized. */
export function normalizeSchema(schema: unknown, limits: { columnNameLength: number; columnsPerTable: number }): Field[] {
  const fields = (schema as { fields?: unknown })?.fields;
  if (!Array.isArray(fields)) throw BQ_ERRORS.invalid('Schema has no fields');
  if (fields.length > limits.columnsPerTable) throw BQ_ERRORS.tooManyColumns(fields.length, limits.columnsPerTable);
  const seen = new Set<string>();
  return fields.map((raw: any) => {
    const name = checkFieldName(raw?.name, limits.columnNameLength);
    if (seen.has(name.toLowerCase())) throw BQ_ERRORS.duplicateField(name);
    seen.add(name.toLowerCase());
    if (Array.isArray(raw?.fields) && raw.fields.length) throw BQ_ERRORS.notImplemented('RECORD (nested) columns');
    const mode = String(raw?.mode ?? 'NULLABLE').toUpperCase();
    if (mode !== 'NULLABLE' && mode !== 'REQUIRED' && mode !== 'REPEATED') throw BQ_ERRORS.invalid(`Invalid value for mode: ${raw?.mode} is not a valid value`);
    if (mode === 'REPEATED') throw BQ_ERRORS.notImplemented('REPEATED columns');
    const field: Field = { name, type: normalizeType(raw?.type), mode };
    if (typeof raw?.description === 'string') field.description = raw.description;
    return field;
  });
}

export const fieldsOut = (fields: Field[]) => fields.map((f) => ({ ...f }));
export const findField = (fields: Field[], name: string) => fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
