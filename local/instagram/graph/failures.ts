// The Graph errors World & Graph answers with, in one table-like place: wording from the reference
// where it records Meta's text; where it does not, the text is ours and says so in docs/scenarios.md.
import { graphError, type GraphErrorSpec } from '../errors';
import type { GraphHost } from '../platform-types';

/** Thrown inside the Graph layer and turned into an answer by routeGraph. */
export class GraphFailure extends Error {
  constructor(readonly spec: GraphErrorSpec) {
    super(spec.message);
  }
}

const fail = (spec: GraphErrorSpec): never => {
  throw new GraphFailure(spec);
};

function paramType(host: GraphHost) {
  return host === 'graph.instagram.com' ? 'IGApiException' as const : 'OAuthException' as const;
}

export const failures = {
  unsupportedGet: (host: GraphHost, id: string) => fail(graphError(100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { subcode: 33, type: host === 'graph.instagram.com' ? 'IGApiException' : 'GraphMethodException' })),
  nonexistingField: (host: GraphHost, field: string, nodeType: string) =>
    fail(graphError(100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`, { type: paramType(host) })),
  invalidParameter: (host: GraphHost, message: string) => fail(graphError(100, message.startsWith('(#100)') ? message : `(#100) ${message}`, { type: paramType(host) })),
  unknownError: () => fail(graphError(1, 'An unknown error has occurred.', { transient: false })),
  permission: (host: GraphHost) => fail(graphError(10, '(#10) Application does not have permission for this action', { type: paramType(host) })),
  notEnoughViewers: (host: GraphHost) => fail(graphError(10, '(#10) Not enough viewers for the media to show insights', { type: paramType(host) })),
  beforeBusiness: (host: GraphHost) => fail(graphError(100, 'Invalid parameter', {
    subcode: 2108006, type: paramType(host), transient: false,
    userTitle: 'Media Posted Before Business Account Conversion',
    userMessage: "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
  })),
  userNotFound: (username: string) => fail(graphError(110, 'Invalid user id', {
    subcode: 2207013, userTitle: 'Cannot find User', userMessage: `The user with username: ${username} cannot be found.`,
  })),
  /** [chosen] Meta's wording is not recorded in the reference. */
  userTokenRequired: (host: GraphHost) => fail(graphError(100, '(#100) This request needs a User access token: a Page access token is not accepted', { type: paramType(host) })),
  /** [chosen] reference §1.2 names the requirement, not the error. */
  portfolioInsights: (host: GraphHost) => fail(graphError(10,
    '(#10) Insights of a Page whose role comes through a business portfolio need the ads_read or ads_management permission', { type: paramType(host) })),
  badCursor: (host: GraphHost, which: 'After' | 'Before') =>
    fail(graphError(100, `(#100) The ${which} Cursor specified exceeds the max limit supported by this endpoint`, { type: paramType(host) })),
};
