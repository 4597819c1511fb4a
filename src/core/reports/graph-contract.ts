// The slice of the Graph client (src/core/graph) that reports depend on: reads of nodes and edges
// and the one error type, re-exported so report code names only what it uses.
export type { GraphPage, GraphReader, GraphRequest, GraphResult } from '../graph/reader';
export type { GraphErrorKind } from '../graph/errors';
export type { GraphApiError as GraphError } from '../graph/errors';
export { isGraphApiError as isGraphError, GraphApiError } from '../graph/errors';
export { judgePage, type ShortReason } from '../graph/paging';
