// Same scenario and seed, same request sequence: byte-identical answers (tokens, codes, faults, trace ids).
import { describe, expect, it } from 'vitest';
import { authorizeQuery, CREATOR, IG_APP, makeSimulator, REDIRECT } from './support';

function session(seed: number): string[] {
  const sim = makeSimulator({ seed, faults: { transientRate: 0.2, truncatedPageRate: 0.3 } });
  const out: string[] = [];
  const send = (method: string, url: string, body = '') => {
    const r = sim.handle({ method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    out.push(`${r.status} ${JSON.stringify(r.headers)} ${r.body}`);
    return r;
  };
  const allow = send('POST', '/www.instagram.com/oauth/authorize', `${authorizeQuery()}&account=${CREATOR}&decision=allow`);
  const code = new URL(allow.headers.location.replace(/#_$/, '')).searchParams.get('code') ?? '';
  const t = JSON.parse(send('POST', '/api.instagram.com/oauth/access_token', new URLSearchParams({ client_id: IG_APP.clientId, client_secret: IG_APP.clientSecret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code }).toString()).body);
  const token = t.data[0].access_token;
  for (let i = 0; i < 20; i += 1) send('GET', `/graph.instagram.com/v27.0/${CREATOR}/media?access_token=${token}&after=${i % 3}`);
  send('GET', '/graph.instagram.com/v19.0/me');
  return out;
}

describe('determinism', () => {
  it('gives byte-identical answers for the same scenario, seed and requests', () => {
    expect(session(7)).toEqual(session(7));
  });

  it('gives different tokens and fault placement for another seed', () => {
    expect(session(8)).not.toEqual(session(7));
  });
});
