// Words the translator treats as syntax. Every other identifier is a name (column, alias, CTE) and is
// written quoted, so a name DuckDB happens to reserve still works as it does in BigQuery.

/** GoogleSQL's reserved keywords (lexical structure reference). */
export const RESERVED = new Set(
  (
    'ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT ' +
    'DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL ' +
    'GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP ' +
    'MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE ' +
    'RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION UNNEST USING WHEN ' +
    'WHERE WINDOW WITH WITHIN'
  ).split(' '),
);

/** Non-reserved words that are syntax wherever they appear in the statements translated here. */
export const SYNTAX_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'VALUES', 'OFFSET', 'MATCHED', 'ROW']);

/** Reserved words that may be followed by "(" without being a function. */
export const NOT_FUNCTIONS = new Set([
  'AS', 'IN', 'ON', 'USING', 'OVER', 'AND', 'OR', 'NOT', 'WHERE', 'FROM', 'JOIN', 'SELECT', 'THEN', 'ELSE', 'WHEN', 'CASE',
  'BY', 'HAVING', 'QUALIFY', 'UNION', 'ALL', 'DISTINCT', 'INTERSECT', 'EXCEPT', 'WITH', 'WINDOW', 'ROWS', 'RANGE', 'BETWEEN',
  'IS', 'LIKE', 'INTO', 'SET', 'LIMIT', 'VALUES', 'INSERT', 'INTERVAL', 'TO', 'OF', 'ANY', 'SOME', 'ROW',
]);

/** Words that start a clause: a comma list or an ORDER BY list ends where one of these begins. */
export const CLAUSE_WORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT',
  'ON', 'USING', 'JOIN', 'SET', 'VALUES', 'WHEN', 'THEN', 'WITH', 'PARTITION', 'BY', 'INTO',
]);

/** Date and time parts, as GoogleSQL names them. */
export const DATE_PARTS = new Set([
  'MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'DAYOFWEEK', 'DAYOFYEAR', 'WEEK', 'ISOWEEK', 'MONTH',
  'QUARTER', 'YEAR', 'ISOYEAR', 'DATE', 'TIME', 'DATETIME',
]);

/** Statements this runtime does not run, by their first word. */
export const REFUSED_STATEMENTS: Record<string, string> = {
  CREATE: 'DDL statements (CREATE); use Tables.insert',
  DROP: 'DDL statements (DROP); use Tables.remove',
  ALTER: 'DDL statements (ALTER); use Tables.patch',
  TRUNCATE: 'TRUNCATE TABLE',
  DECLARE: 'scripts (DECLARE)',
  SET: 'scripts (SET)',
  BEGIN: 'scripts and transactions (BEGIN)',
  IF: 'scripts (IF)',
  CALL: 'procedures (CALL)',
  EXECUTE: 'scripts (EXECUTE IMMEDIATE)',
  EXPORT: 'EXPORT DATA',
  LOAD: 'LOAD DATA',
  ASSERT: 'ASSERT',
  GRANT: 'DCL statements (GRANT)',
  REVOKE: 'DCL statements (REVOKE)',
  UNDROP: 'UNDROP',
};
