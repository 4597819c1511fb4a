// @ts-check
// Worker thread of the local BigQuery's SQL engine: DuckDB (@duckdb/node-api, whose API is async)
// runs here, one in-memory database per runtime, while the calling thread blocks on a shared signal
// until each request is answered (engine.ts). Plain JavaScript so Node starts it without a TS loader.
import { workerData } from 'node:worker_threads';
import { DuckDBInstance, DuckDBTypeId, VARCHAR, LIST, listValue } from '@duckdb/node-api';

/** @type {{ port: import('node:worker_threads').MessagePort, signal: Int32Array }} */
const { port, signal } = workerData;

/** @type {Map<number, { instance: any, connection: any }>} */
const databases = new Map();

const INTEGERS = new Set([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
]);

/**
 * A DuckDB value in the form the caller reads (values.ts): integers and decimals as text, dates as
 * "YYYY-MM-DD", timestamps as microseconds (text), lists as arrays.
 * @param {any} value @param {any} type @returns {any}
 */
function convert(value, type) {
  if (value === null || value === undefined) return null;
  const id = type.typeId;
  if (id === DuckDBTypeId.BOOLEAN || id === DuckDBTypeId.VARCHAR) return value;
  if (INTEGERS.has(id)) return String(value);
  if (id === DuckDBTypeId.DOUBLE || id === DuckDBTypeId.FLOAT) return Number(value);
  if (id === DuckDBTypeId.DECIMAL || id === DuckDBTypeId.DATE) return value.toString();
  if (id === DuckDBTypeId.TIMESTAMP_TZ || id === DuckDBTypeId.TIMESTAMP) return String(value.micros);
  if (id === DuckDBTypeId.LIST) return value.items.map((/** @type {any} */ item) => convert(item, type.valueType));
  if (id === DuckDBTypeId.SQLNULL) return null;
  return value.toString();
}

/** @param {any} connection @param {any} step */
async function runStep(connection, step) {
  if (step.append) {
    const appender = await connection.createAppender(step.append.table, 'main');
    for (const row of step.append.rows) {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.endRow();
    }
    appender.closeSync();
    return { columns: [], rows: [], changed: step.append.rows.length };
  }
  let result;
  if (step.params && Object.keys(step.params).length > 0) {
    const prepared = await connection.prepare(step.sql);
    /** @type {Record<string, any>} */
    const values = {};
    /** @type {Record<string, any>} */
    const types = {};
    for (const [name, p] of Object.entries(step.params)) {
      values[name] = p.list ? (p.value === null ? null : listValue(p.value)) : p.value;
      types[name] = p.list ? LIST(VARCHAR) : VARCHAR;
    }
    prepared.bind(values, types);
    result = await prepared.runAndReadAll();
  } else {
    result = await connection.runAndReadAll(step.sql);
  }
  const types = result.columnTypes();
  const columns = result.columnNames().map((/** @type {string} */ name, /** @type {number} */ i) => ({ name, type: types[i].toString() }));
  const rows = step.read ? result.getRows().map((/** @type {any[]} */ row) => row.map((v, i) => convert(v, types[i]))) : [];
  const changed = result.rowsChanged ?? null;
  return { columns, rows, changed: typeof changed === 'number' ? changed : null };
}

/** @param {any} message */
async function handle(message) {
  if (message.op === 'open') {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    // Timestamps in UTC, NULLs first when ascending and last when descending: BigQuery's orders.
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
    databases.set(message.db, { instance, connection });
    return { ok: true };
  }
  const database = databases.get(message.db);
  if (message.op === 'close') {
    if (database) {
      database.connection.closeSync();
      database.instance.closeSync();
      databases.delete(message.db);
    }
    return { ok: true };
  }
  if (!database) return { ok: false, error: `no database ${message.db}`, step: -1 };
  const { connection } = database;
  const results = [];
  let index = -1;
  let open = false;
  try {
    if (message.now !== undefined) await connection.run(`SET VARIABLE bq_now = TIMESTAMPTZ '${message.now}'`);
    if (message.transaction) {
      await connection.run('BEGIN TRANSACTION');
      open = true;
    }
    for (index = 0; index < message.steps.length; index++) results.push(await runStep(connection, message.steps[index]));
    if (open) await connection.run('COMMIT');
    return { ok: true, results };
  } catch (/** @type {any} */ error) {
    if (open) await connection.run('ROLLBACK').catch(() => undefined);
    return { ok: false, error: String(error?.message ?? error), step: index };
  }
}

let queue = Promise.resolve();
port.on('message', (/** @type {any} */ message) => {
  queue = queue.then(async () => {
    let answer;
    try {
      answer = await handle(message);
    } catch (/** @type {any} */ error) {
      answer = { ok: false, error: String(error?.message ?? error), step: -1 };
    }
    if (message.noReply) return;
    port.postMessage({ id: message.id, ...answer });
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
