// GoogleSQL -> DuckDB on its own (no engine): the statement shapes Sheetgram sends, the constructs
// that differ between the two dialects, and the ones refused with BigQuery-shaped errors.
import { describe, expect, it } from 'vitest';
import { translate } from '../../../../../local/apps-script/services/bigquery/sql/translate';
import type { TableRef } from '../../../../../local/apps-script/services/bigquery/names';

const PARAMS = new Map([
  ['account_id', { name: 'account_id', duckType: 'VARCHAR' }],
  ['snapshot_date', { name: 'snapshot_date', duckType: 'DATE' }],
  ['snapshot_dates', { name: 'snapshot_dates', duckType: 'DATE[]' }],
]);

function tr(sql: string, defaultDataset?: string) {
  const seen: { ref: TableRef; role: string }[] = [];
  const result = translate(sql, {
    defaultProject: 'my-proj',
    defaultDataset,
    params: PARAMS,
    resolve: (ref, role) => {
      seen.push({ ref, role });
      return `<${ref.projectId}:${ref.datasetId}.${ref.tableId}>`;
    },
  });
  return { ...result, seen };
}

const refused = (sql: string) => {
  try {
    tr(sql);
  } catch (e) {
    return e as Error & { code: number; reason: string };
  }
  throw new Error(`expected a refusal of: ${sql}`);
};

describe('the statements Sheetgram sends', () => {
  it('MERGE replacing one account\'s days: INTO added, target and source resolved, parameters typed, IN UNNEST as a subquery', () => {
    const t = tr(
      'MERGE `acme-1.ig.profile` AS target USING `acme-1.ig._sheetgram_staging_c1` AS source ON FALSE ' +
        'WHEN NOT MATCHED BY SOURCE AND target.account_id = @account_id AND target.snapshot_date IN UNNEST(@snapshot_dates) THEN DELETE ' +
        'WHEN NOT MATCHED THEN INSERT (account_id, snapshot_date, followers) VALUES (account_id, snapshot_date, followers)',
    );
    expect(t.statementType).toBe('MERGE');
    expect(t.target).toEqual({ projectId: 'acme-1', datasetId: 'ig', tableId: 'profile' });
    expect(t.seen.map((s) => s.role)).toEqual(['target', 'read']);
    expect(t.usedParams.sort()).toEqual(['account_id', 'snapshot_dates']);
    expect(t.sql).toBe(
      'MERGE INTO <acme-1:ig.profile> AS "target" USING <acme-1:ig._sheetgram_staging_c1> AS "source" ON FALSE ' +
        'WHEN NOT MATCHED BY SOURCE AND "target"."account_id" = CAST($account_id AS VARCHAR) AND "target"."snapshot_date" IN (SELECT UNNEST(CAST($snapshot_dates AS DATE[]))) THEN DELETE ' +
        'WHEN NOT MATCHED THEN INSERT ("account_id", "snapshot_date", "followers") VALUES ("account_id", "snapshot_date", "followers")',
    );
  });

  it('the partition rebuild: a UNION ALL of the table without the account and the staging rows of that day', () => {
    const t = tr(
      'SELECT a, b FROM `acme-1.ig.t` WHERE snapshot_date = @snapshot_date AND account_id != @account_id UNION ALL SELECT a, b FROM `acme-1.ig.s` WHERE snapshot_date = @snapshot_date',
    );
    expect(t.statementType).toBe('SELECT');
    expect(t.sql).toBe(
      'SELECT "a", "b" FROM <acme-1:ig.t> WHERE "snapshot_date" = CAST($snapshot_date AS DATE) AND "account_id" != CAST($account_id AS VARCHAR) ' +
        'UNION ALL SELECT "a", "b" FROM <acme-1:ig.s> WHERE "snapshot_date" = CAST($snapshot_date AS DATE)',
    );
  });

  it('a view with QUALIFY, DATE_DIFF (a - b) on the virtual clock, DATE(), TIMESTAMP_TRUNC and SAFE_DIVIDE', () => {
    const t = tr(
      'SELECT account_id, DATE_DIFF(CURRENT_DATE(), snapshot_date, DAY) AS age, DATE(seen_at) AS d, TIMESTAMP_TRUNC(seen_at, HOUR) AS h, SAFE_DIVIDE(likes, reach) AS rate ' +
        'FROM `p1.ig.media` QUALIFY ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY snapshot_date DESC) = 1',
    );
    expect(t.sql).toBe(
      `SELECT "account_id", date_diff('day', ("snapshot_date"), (CAST(getvariable('bq_now') AS DATE))) AS "age", CAST(("seen_at") AS DATE) AS "d", ` +
        `date_trunc('hour', ("seen_at")) AS "h", (CASE WHEN ("reach") = 0 THEN NULL ELSE ("likes") / ("reach") END) AS "rate" ` +
        'FROM <p1:ig.media> QUALIFY row_number() OVER (PARTITION BY "account_id" ORDER BY "snapshot_date" DESC) = 1',
    );
  });

  it('CTEs, joins, aggregates, DISTINCT, ORDER BY ordinals and LIMIT', () => {
    const t = tr(
      'WITH latest AS (SELECT DISTINCT account_id, MAX(followers) AS f FROM `p.d.t` GROUP BY account_id) ' +
        'SELECT l.account_id, COUNT(*) AS n, SUM(m.likes) s, AVG(m.likes), MIN(m.x), IFNULL(l.f, 0) FROM latest AS l JOIN p.d.m AS m ON m.account_id = l.account_id GROUP BY 1, 6 ORDER BY 2 DESC LIMIT 10',
    );
    expect(t.tables.map((r) => r.tableId)).toEqual(['t', 'm']);
    expect(t.sql).toContain('FROM "latest" AS "l" JOIN <p:d.m> AS "m" ON "m"."account_id" = "l"."account_id" GROUP BY 1, 6 ORDER BY 2 DESC LIMIT 10');
    expect(t.sql).toContain('count(*) AS "n", sum("m"."likes") "s", avg("m"."likes"), min("m"."x"), coalesce(("l"."f"), (0))');
  });

  it('casts with GoogleSQL type names, typed literals in UTC, decimals as FLOAT64, both quote styles for strings', () => {
    const t = tr(
      "SELECT CAST(x AS INT64), CAST(y AS FLOAT64), CAST(z AS STRING), SAFE_CAST(w AS DATE), CAST(v AS TIMESTAMP), 1.5, 2, \"it's\", 'a\\nb', TIMESTAMP '2026-01-05 10:00:00+02:00', DATE '2026-1-5' FROM `p.d.t`",
    );
    expect(t.sql).toBe(
      `SELECT CAST("x" AS BIGINT), CAST("y" AS DOUBLE), CAST("z" AS VARCHAR), TRY_CAST("w" AS DATE), CAST("v" AS TIMESTAMPTZ), CAST(1.5 AS DOUBLE), 2, 'it''s', 'a\nb', ` +
        `TIMESTAMPTZ '2026-01-05 08:00:00+00', DATE '2026-01-05' FROM <p:d.t>`,
    );
  });

  it('dataset.table uses the default project; a bare table needs the request\'s default dataset', () => {
    expect(tr('SELECT 1 FROM ig.t').tables).toEqual([{ projectId: 'my-proj', datasetId: 'ig', tableId: 't' }]);
    expect(tr('SELECT 1 FROM t', 'ig').tables).toEqual([{ projectId: 'my-proj', datasetId: 'ig', tableId: 't' }]);
    expect(refused('SELECT 1 FROM t').message).toBe('Table name "t" missing dataset while no default dataset is set in the request.');
  });

  it('UNNEST in FROM names its column as BigQuery does; SELECT * EXCEPT is DuckDB\'s EXCLUDE', () => {
    expect(tr('SELECT d FROM UNNEST(@snapshot_dates) AS d').sql).toBe('SELECT "d" FROM UNNEST(CAST($snapshot_dates AS DATE[])) AS "d"("d")');
    expect(tr('SELECT * EXCEPT (a) FROM `p.d.t`').sql).toBe('SELECT * EXCLUDE ("a") FROM <p:d.t>');
  });

  it('DELETE without FROM, INSERT without INTO, UNION DISTINCT', () => {
    expect(tr('DELETE `p.d.t` WHERE account_id = @account_id').sql).toBe('DELETE FROM <p:d.t> WHERE "account_id" = CAST($account_id AS VARCHAR)');
    expect(tr('INSERT `p.d.t` (a) VALUES (1)').sql).toBe('INSERT INTO <p:d.t> ("a") VALUES (1)');
    expect(tr('SELECT 1 UNION DISTINCT SELECT 2').sql).toBe('SELECT 1 UNION SELECT 2');
  });

  it('functions whose NULL handling differs are rewritten: CONCAT, GREATEST, LEAST', () => {
    expect(tr("SELECT CONCAT(a, '-', b), GREATEST(a, b) FROM `p.d.t`").sql).toBe(
      `SELECT (("a") || ('-') || ("b")), (CASE WHEN ("a") IS NULL OR ("b") IS NULL THEN NULL ELSE greatest(("a"), ("b")) END) FROM <p:d.t>`,
    );
  });

  it('EXTRACT and week parts follow BigQuery (DAYOFWEEK from Sunday = 1, WEEK from Sunday)', () => {
    expect(tr('SELECT EXTRACT(DAYOFWEEK FROM d), EXTRACT(YEAR FROM d), DATE_TRUNC(d, WEEK) FROM `p.d.t`').sql).toBe(
      `SELECT (dayofweek(("d")) + 1), EXTRACT(YEAR FROM ("d")), CAST((date_trunc('week', ("d") + INTERVAL 1 DAY) - INTERVAL 1 DAY) AS DATE) FROM <p:d.t>`,
    );
  });

  it('DATE_ADD and TIMESTAMP_SUB keep their types', () => {
    expect(tr('SELECT DATE_ADD(d, INTERVAL 1 DAY), TIMESTAMP_SUB(ts, INTERVAL @snapshot_date HOUR) FROM `p.d.t`').sql).toBe(
      'SELECT CAST(("d") + INTERVAL (1) DAY AS DATE), (("ts") - INTERVAL (CAST($snapshot_date AS DATE)) HOUR) FROM <p:d.t>',
    );
  });
});

describe('refusals, in BigQuery\'s shape', () => {
  const cases: [string, RegExp][] = [
    ['SELECT 1 UNION SELECT 2', /^Syntax error: Expected keyword ALL or keyword DISTINCT but got keyword SELECT at \[1:16\]$/],
    ['SELECT 1; SELECT 2', /scripts/],
    ['CREATE TABLE `p.d.t` (a INT64)', /DDL statements \(CREATE\); use Tables.insert/],
    ['SELECT FORMAT("%d", 1)', /^Function not found: FORMAT at \[1:8\]/],
    ['SELECT SAFE.DIVIDE(1, 0)', /SAFE\. function prefix/],
    ['SELECT arr[OFFSET(0)] FROM `p.d.t`', /array subscripts/],
    ['SELECT STRUCT(1 AS a)', /STRUCT/],
    ['SELECT * FROM `p.d.t` FOR SYSTEM_TIME AS OF TIMESTAMP "2026-01-01"', /time travel/],
    ['SELECT 2 ^ 3', /bitwise XOR/],
    ['SELECT @nope', /^Query parameter 'nope' not found at \[1:8\]$/],
    ['SELECT ?', /positional query parameters/],
    ["SELECT 'open", /^Syntax error: Unclosed string literal at \[1:8\]$/],
    ['SELECT DATE_DIFF(a, b, WEEK) FROM `p.d.t`', /DATE_DIFF with date part WEEK/],
    ['SELECT DATE_DIFF(a, b) FROM `p.d.t`', /No matching signature for function DATE_DIFF with 2 arguments/],
    ['DELETE FROM `p.d.t`', /^Syntax error: Expected keyword WHERE but got end of statement/],
    ['WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r', /WITH RECURSIVE/],
    ["SELECT b'bytes'", /BYTES literals/],
    ['SELECT 1 INTERSECT ALL SELECT 1', /INTERSECT ALL is not supported/],
    ['SELECT @@project_id', /system variables/],
    ['SELECT AS STRUCT 1 AS a', /SELECT AS STRUCT/],
    ['SELECT CAST(x AS BYTES) FROM `p.d.t`', /CAST to BYTES/],
  ];
  for (const [sql, message] of cases) {
    it(sql, () => {
      const e = refused(sql);
      expect(e.message).toMatch(message);
      expect(e.code).toBe(400);
      expect(['invalidQuery', 'invalid']).toContain(e.reason);
    });
  }
});
