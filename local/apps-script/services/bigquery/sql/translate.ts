// GoogleSQL -> DuckDB SQL, token by token: table paths become DuckDB names (through the caller, who
// checks they exist), @parameters become typed DuckDB parameters, names are quoted, functions and
// the constructs that differ are rewritten (functions.ts), and whatever this runtime cannot run the
// way BigQuery would is refused with an error in BigQuery's shape.
import { BQ_ERRORS, type BigQueryError } from '../errors';
import { quoteIdent, type TableRef } from '../names';
import { CLAUSE_WORDS, DATE_PARTS, NOT_FUNCTIONS, REFUSED_STATEMENTS, RESERVED, SYNTAX_WORDS } from './keywords';
import { FUNCTIONS, NOW, typedLiteral, type CallContext, type Range } from './functions';
import { positionOf, tokenize, type Token } from './lexer';

export type StatementType = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE';

/** A declared query parameter: its DuckDB type (the bound text is cast to it). */
export interface DeclaredParam {
  name: string;
  duckType: string;
}

export interface TranslateOptions {
  defaultProject: string;
  defaultDataset?: string;
  /** Declared parameters by lower-case name. */
  params?: Map<string, DeclaredParam>;
  /** DuckDB name of a table or view; throws BigQuery's error when it is missing or not allowed. */
  resolve(ref: TableRef, role: 'read' | 'target', at: string): string;
}

export interface Translation {
  sql: string;
  statementType: StatementType;
  /** Every table and view the statement names (the DML target included). */
  tables: TableRef[];
  target?: TableRef;
  /** Lower-case names of the parameters the statement uses (bound as $name). */
  usedParams: string[];
}

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const TABLE_AFTER = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'MERGE', 'TABLE']);

export function translate(source: string, options: TranslateOptions): Translation {
  return new Translator(source, options).run();
}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const isOp = (t: Token | undefined, text: string) => t?.k === 'op' && t.text === text;
const isWord = (t: Token | undefined, ...words: string[]) => t?.k === 'ident' && words.includes(t.upper);

function join(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    if (out === '' || /^[,).\]]/.test(p) || /[(.[]$/.test(out)) out += p;
    else out += ` ${p}`;
  }
  return out;
}

class Translator {
  private readonly tokens: Token[];
  private end = 0;
  private statement: StatementType = 'SELECT';
  private targetPending = false;
  private readonly ctes = new Set<string>();
  private readonly tables = new Map<string, TableRef>();
  private target?: TableRef;
  private readonly used = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly options: TranslateOptions,
  ) {
    this.tokens = tokenize(source);
  }

  run(): Translation {
    const t = this.tokens;
    let end = t.length - 1; // eof
    if (isOp(t[end - 1], ';')) end--;
    const semicolon = t.slice(0, end).find((tok) => isOp(tok, ';'));
    if (semicolon) throw BQ_ERRORS.notImplemented('scripts (several statements)', 'invalidQuery');
    this.end = end;
    const first = t[0];
    if (first.k === 'eof' || end === 0) throw BQ_ERRORS.syntax('Unexpected end of script', this.at(0));
    if (first.k === 'ident' && REFUSED_STATEMENTS[first.upper]) throw BQ_ERRORS.notImplemented(REFUSED_STATEMENTS[first.upper], 'invalidQuery');
    if (first.k === 'ident' && DML.has(first.upper)) this.statement = first.upper as StatementType;
    else if (!(isWord(first, 'SELECT', 'WITH') || isOp(first, '('))) throw BQ_ERRORS.syntax(`Unexpected ${this.describe(0)}`, this.at(0));
    this.targetPending = this.statement !== 'SELECT';
    if ((this.statement === 'UPDATE' || this.statement === 'DELETE') && !this.hasTopLevel('WHERE')) {
      throw BQ_ERRORS.syntax('Expected keyword WHERE but got end of statement', this.at(end));
    }
    this.findCtes();
    const sql = this.emit([0, end]);
    return { sql, statementType: this.statement, tables: [...this.tables.values()], target: this.target, usedParams: [...this.used] };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private at(i: number): string {
    return positionOf(this.source, this.tokens[Math.min(i, this.tokens.length - 1)].pos);
  }

  private describe(i: number): string {
    const t = this.tokens[i];
    if (!t || t.k === 'eof') return 'end of statement';
    if (t.k === 'ident') return RESERVED.has(t.upper) ? `keyword ${t.upper}` : `identifier "${t.text}"`;
    if (t.k === 'qident') return `identifier \`${t.value}\``;
    if (t.k === 'string') return 'string literal';
    if (t.k === 'number') return `integer literal "${t.text}"`;
    if (t.k === 'param') return `query parameter @${t.name}`;
    return `"${t.text}"`;
  }

  private hasTopLevel(word: string): boolean {
    let depth = 0;
    for (let i = 0; i < this.end; i++) {
      const t = this.tokens[i];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (depth === 0 && isWord(t, word)) return true;
    }
    return false;
  }

  private matchParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.end; i++) {
      const t = this.tokens[i];
      if (isOp(t, '(') || isOp(t, '[')) depth++;
      else if (isOp(t, ')') || isOp(t, ']')) {
        depth--;
        if (depth === 0) return i;
      }
    }
    throw BQ_ERRORS.syntax('Expected ")" but got end of statement', this.at(this.end));
  }

  private splitArgs([a, b]: Range): Range[] {
    if (a >= b) return [];
    const args: Range[] = [];
    let depth = 0;
    let start = a;
    for (let i = a; i < b; i++) {
      const t = this.tokens[i];
      if (isOp(t, '(') || isOp(t, '[')) depth++;
      else if (isOp(t, ')') || isOp(t, ']')) depth--;
      else if (depth === 0 && isOp(t, ',')) {
        args.push([start, i]);
        start = i + 1;
      }
    }
    args.push([start, b]);
    return args;
  }

  /** Whether a comma at i-1 separates FROM items (joins and their ON/USING conditions pass). */
  private inFromList(i: number): boolean {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (isOp(t, ')') || isOp(t, ']')) depth++;
      else if (isOp(t, '(') || isOp(t, '[')) {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0 && t.k === 'ident' && CLAUSE_WORDS.has(t.upper) && !['ON', 'USING', 'JOIN'].includes(t.upper)) return t.upper === 'FROM';
    }
    return false;
  }

  /** CTE names (WITH name AS (...), name AS (...)), which FROM may name without a dataset. */
  private findCtes(): void {
    const t = this.tokens;
    for (let i = 1; i + 2 < this.end; i++) {
      const tok = t[i];
      const name = tok.k === 'ident' ? tok.text : tok.k === 'qident' ? tok.value : undefined;
      if (name && isWord(t[i + 1], 'AS') && isOp(t[i + 2], '(') && (isWord(t[i - 1], 'WITH') || isOp(t[i - 1], ','))) this.ctes.add(name.toLowerCase());
      if (isWord(t[i - 1], 'WITH') && isWord(t[i], 'RECURSIVE')) throw BQ_ERRORS.notImplemented('WITH RECURSIVE', 'invalidQuery');
    }
  }

  private isTablePosition(i: number): boolean {
    const prev = this.tokens[i - 1];
    if (!prev) return false;
    if (prev.k === 'ident') {
      if (prev.upper === 'FROM') {
        // a IS DISTINCT FROM b; EXTRACT(part FROM value)
        if (isWord(this.tokens[i - 2], 'DISTINCT') || isWord(this.tokens[i - 4], 'EXTRACT')) return false;
        return true;
      }
      if (TABLE_AFTER.has(prev.upper)) return true;
      if (prev.upper === 'USING') return this.statement === 'MERGE';
      if (prev.upper === 'DELETE' || prev.upper === 'INSERT') return i === 1;
      return false;
    }
    return isOp(prev, ',') && this.inFromList(i);
  }

  // ---- emission -------------------------------------------------------------------------------

  private emit([a, b]: Range): string {
    const parts: string[] = [];
    for (let i = a; i < b; ) {
      const [text, next] = this.emitAt(i, b);
      parts.push(text);
      i = next;
    }
    return join(parts);
  }

  private emitAt(i: number, end: number): [string, number] {
    const t = this.tokens[i];
    switch (t.k) {
      case 'string':
        return [sqlString(t.value), i + 1];
      case 'number':
        // Integer literals stay bare (DuckDB widens them as needed; ORDER BY 1 stays an ordinal);
        // decimal literals are FLOAT64 in GoogleSQL, DECIMAL in DuckDB.
        return [t.isInt || /[eE]/.test(t.text) ? t.text : `CAST(${t.text} AS DOUBLE)`, i + 1];
      case 'param':
        return [this.param(t, i), i + 1];
      case 'op':
        return this.op(i);
      case 'ident':
      case 'qident':
        return this.word(i, end);
      default:
        return ['', i + 1];
    }
  }

  private param(t: Extract<Token, { k: 'param' }>, i: number): string {
    const key = t.name.toLowerCase();
    const declared = this.options.params?.get(key);
    if (!declared) throw BQ_ERRORS.parameterNotFound(t.name, this.at(i));
    this.used.add(key);
    return `CAST($${key} AS ${declared.duckType})`;
  }

  private op(i: number): [string, number] {
    const t = this.tokens[i] as Extract<Token, { k: 'op' }>;
    const next = this.tokens[i + 1];
    switch (t.text) {
      case '*':
        // SELECT * EXCEPT (a, b) is DuckDB's * EXCLUDE.
        if (isWord(next, 'EXCEPT')) return ['* EXCLUDE', i + 2];
        return ['*', i + 1];
      case '[': {
        const prev = this.tokens[i - 1];
        const subscript = prev && (prev.k === 'ident' || prev.k === 'qident' || isOp(prev, ')') || isOp(prev, ']') || prev.k === 'param');
        if (subscript && !(prev.k === 'ident' && RESERVED.has(prev.upper))) throw BQ_ERRORS.notImplemented('array subscripts (arr[OFFSET(n)])', 'invalidQuery');
        return ['[', i + 1];
      }
      case '^':
        throw BQ_ERRORS.notImplemented('the ^ operator (bitwise XOR)', 'invalidQuery');
      case '{':
      case '}':
      case ':':
      case '=>':
        throw BQ_ERRORS.notImplemented(`"${t.text}" (structs, named arguments)`, 'invalidQuery');
      case ';':
        throw BQ_ERRORS.notImplemented('scripts (several statements)', 'invalidQuery');
      default:
        return [t.text, i + 1];
    }
  }

  private word(i: number, end: number): [string, number] {
    const t = this.tokens[i] as Extract<Token, { k: 'ident' | 'qident' }>;
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (this.isTablePosition(i) && !(t.k === 'ident' && (RESERVED.has(t.upper) || t.upper === 'UNNEST'))) return this.tableRef(i);
    if (t.k === 'qident') return [t.value.split('.').map(quoteIdent).join('.'), i + 1];
    // A field after a dot is a name whatever it spells.
    if (isOp(prev, '.')) return [quoteIdent(t.text), i + 1];
    const u = t.upper;
    if (u === 'SAFE' && isOp(next, '.')) throw BQ_ERRORS.notImplemented('SAFE. function prefix', 'invalidQuery');
    if (u === 'UNNEST' && isOp(next, '(') && this.isTablePosition(i)) return this.unnestTable(i);
    if (isOp(next, '(') && !NOT_FUNCTIONS.has(u)) return this.call(i);
    switch (u) {
      case 'UNION':
      case 'INTERSECT':
      case 'EXCEPT': {
        if (isWord(next, 'DISTINCT')) return [u, i + 2];
        if (isWord(next, 'ALL')) {
          if (u !== 'UNION') throw BQ_ERRORS.invalidQuery(`${u} ALL is not supported at ${this.at(i)}`);
          return ['UNION ALL', i + 2];
        }
        throw BQ_ERRORS.syntax(`Expected keyword ALL or keyword DISTINCT but got ${this.describe(i + 1)}`, this.at(i + 1));
      }
      case 'IN':
        if (isWord(next, 'UNNEST') && isOp(this.tokens[i + 2], '(')) {
          const close = this.matchParen(i + 2);
          return [`IN (SELECT UNNEST(${this.emit([i + 3, close])}))`, close + 1];
        }
        return ['IN', i + 1];
      case 'TIMESTAMP':
      case 'DATETIME':
      case 'DATE':
      case 'NUMERIC':
      case 'BIGNUMERIC':
      case 'JSON':
      case 'TIME':
      case 'RANGE':
        if (next?.k === 'string') return [typedLiteral(u, next.value, this.at(i)), i + 2];
        break;
      case 'INTERVAL':
        return this.interval(i, end);
      case 'MERGE':
        return ['MERGE INTO', isWord(next, 'INTO') ? i + 2 : i + 1];
      case 'INSERT':
        if (i === 0 && !isWord(next, 'INTO')) return ['INSERT INTO', i + 1];
        // MERGE ... THEN INSERT ROW: every source column in order (DuckDB's INSERT *, by position).
        if (isWord(next, 'ROW')) return ['INSERT *', i + 2];
        return ['INSERT', i + 1];
      case 'DELETE':
        return [i === 0 && !isWord(next, 'FROM') ? 'DELETE FROM' : 'DELETE', i + 1];
      case 'SELECT':
        if (isWord(next, 'AS')) throw BQ_ERRORS.notImplemented('SELECT AS STRUCT / SELECT AS VALUE', 'invalidQuery');
        return ['SELECT', i + 1];
      case 'FOR':
        throw BQ_ERRORS.notImplemented('FOR SYSTEM_TIME AS OF (time travel)', 'invalidQuery');
      case 'TABLESAMPLE':
        throw BQ_ERRORS.notImplemented('TABLESAMPLE', 'invalidQuery');
      case 'STRUCT':
        throw BQ_ERRORS.notImplemented('STRUCT values', 'invalidQuery');
      case 'ARRAY':
        if (isOp(next, '<')) throw BQ_ERRORS.notImplemented('typed ARRAY<...> literals', 'invalidQuery');
        break;
      case 'CURRENT_DATE':
        return [`CAST(${NOW} AS DATE)`, i + 1];
      case 'CURRENT_TIMESTAMP':
        return [NOW, i + 1];
      case 'CURRENT_DATETIME':
        return [`timezone('UTC', ${NOW})`, i + 1];
      case 'FIRST':
      case 'LAST':
        if (isWord(prev, 'NULLS')) return [u, i + 1];
        break;
      case 'SOURCE':
      case 'TARGET':
        // WHEN NOT MATCHED BY SOURCE / BY TARGET
        if (isWord(prev, 'BY') && isWord(this.tokens[i - 2], 'MATCHED')) return [u, i + 1];
        break;
    }
    if (RESERVED.has(u) || SYNTAX_WORDS.has(u)) return [u, i + 1];
    return [quoteIdent(t.text), i + 1];
  }

  /** INTERVAL <expr> <PART> -> INTERVAL (<expr>) <PART>. */
  private interval(i: number, end: number): [string, number] {
    let depth = 0;
    for (let j = i + 1; j < end; j++) {
      const t = this.tokens[j];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (depth === 0 && t.k === 'ident' && DATE_PARTS.has(t.upper) && j > i + 1) {
        if (isWord(this.tokens[j + 1], 'TO')) throw BQ_ERRORS.notImplemented('INTERVAL ... TO ... ranges', 'invalidQuery');
        if (['DAYOFWEEK', 'DAYOFYEAR', 'ISOWEEK', 'ISOYEAR', 'DATE', 'TIME', 'DATETIME'].includes(t.upper)) throw BQ_ERRORS.invalidQuery(`Invalid INTERVAL part ${t.upper} at ${this.at(j)}`);
        return [`INTERVAL (${this.emit([i + 1, j])}) ${t.upper}`, j + 1];
      }
    }
    throw BQ_ERRORS.syntax('Expected a date part after INTERVAL', this.at(i));
  }

  /** FROM UNNEST(x) AS v: BigQuery names the column v; DuckDB needs AS v(v) for that. */
  private unnestTable(i: number): [string, number] {
    const t = this.tokens;
    const close = this.matchParen(i + 1);
    let j = close + 1;
    let alias: string | undefined;
    const nameAt = (k: number) => (t[k]?.k === 'qident' ? (t[k] as { value: string }).value : t[k]?.k === 'ident' && !RESERVED.has((t[k] as { upper: string }).upper) ? (t[k] as { text: string }).text : undefined);
    if (isWord(t[j], 'AS') && nameAt(j + 1)) {
      alias = nameAt(j + 1);
      j += 2;
    } else if (nameAt(j)) {
      alias = nameAt(j);
      j += 1;
    }
    if (isWord(t[j], 'WITH')) throw BQ_ERRORS.notImplemented('UNNEST ... WITH OFFSET', 'invalidQuery');
    const sql = `UNNEST(${this.emit([i + 2, close])})`;
    return [alias ? `${sql} AS ${quoteIdent(alias)}(${quoteIdent(alias)})` : sql, j];
  }

  private call(i: number): [string, number] {
    const t = this.tokens[i] as Extract<Token, { k: 'ident' }>;
    const close = this.matchParen(i + 1);
    const inner: Range = [i + 2, close];
    const handler = FUNCTIONS[t.upper];
    if (!handler) throw BQ_ERRORS.invalidQuery(`Function not found: ${t.text} at ${this.at(i)} (or not implemented in the local BigQuery runtime)`);
    const context: CallContext = {
      name: t.upper,
      args: this.splitArgs(inner),
      inner,
      tokens: this.tokens,
      at: this.at(i),
      emit: (range) => this.emit(range),
    };
    return [handler(context), close + 1];
  }

  private tableRef(i: number): [string, number] {
    const t = this.tokens;
    const parts: string[] = [];
    const partsOf = (tok: Token) => (tok.k === 'qident' ? tok.value.split('.') : [(tok as { text: string }).text]);
    parts.push(...partsOf(t[i]));
    let j = i + 1;
    while (isOp(t[j], '.') && (t[j + 1]?.k === 'ident' || t[j + 1]?.k === 'qident')) {
      parts.push(...partsOf(t[j + 1]));
      j += 2;
    }
    if (isWord(t[j], 'FOR')) throw BQ_ERRORS.notImplemented('FOR SYSTEM_TIME AS OF (time travel)', 'invalidQuery');
    const at = this.at(i);
    if (parts.some((p) => p === '')) throw BQ_ERRORS.invalidQuery(`Invalid table name: ${parts.join('.')} at ${at}`);
    if (parts.length === 1 && this.ctes.has(parts[0].toLowerCase()) && !this.targetPending) return [quoteIdent(parts[0]), j];
    let ref: TableRef;
    if (parts.length === 1) {
      if (!this.options.defaultDataset) throw BQ_ERRORS.invalidQuery(`Table name "${parts[0]}" missing dataset while no default dataset is set in the request.`);
      ref = { projectId: this.options.defaultProject, datasetId: this.options.defaultDataset, tableId: parts[0] };
    } else if (parts.length === 2) ref = { projectId: this.options.defaultProject, datasetId: parts[0], tableId: parts[1] };
    else if (parts.length === 3) ref = { projectId: parts[0], datasetId: parts[1], tableId: parts[2] };
    else throw BQ_ERRORS.invalidQuery(`Invalid table name: ${parts.join('.')} at ${at}`);
    const role = this.targetPending ? 'target' : 'read';
    this.targetPending = false;
    const name = this.options.resolve(ref, role, at);
    if (role === 'target') this.target = ref;
    this.tables.set(`${ref.projectId}.${ref.datasetId}.${ref.tableId}`, ref);
    return [name, j];
  }
}

export type { BigQueryError };
