// docs/getting-started.md, walked in the playground: scripts/screenshots.ts's steps (connect both demo
// accounts, save and run reports, open the log, build both dashboards, type functions, unfold the
// e-mail settings) run without taking pictures, found by role and name as a person finds them; at each
// picture the guide shows, what the window and the sidebar say is kept. Every name and sentence the guide
// quotes in bold or code must be among them, but for a few states the walk does not reach (a failure, a
// sign-in to renew), which must be spelled out in the sidebar's sources. The walk goes on to the
// README's pictures of the Weekly Digest (a Monday, two accounts) and of a label typed on a post.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, walkThrough, type Session } from '../../scripts/screenshots';
import { docImages, quotedPhrases, sidebarWording } from '../docs/getting-started-support';

const doc = readFileSync('docs/getting-started.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');

/** Quoted in the guide, shown only in states the walk does not reach. */
const UNREACHED = [
  'Finished with some items skipped', 'Paused at Google\'s six-minute limit', 'Failed', 'Last error',
  'Waits for you: click Reconnect', 'Waits for you: click Add permission', 'not enough history yet',
];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

let s: Session;
beforeAll(async () => { s = await openSession(true); });
afterAll(async () => { await s?.close(); });

describe('docs/getting-started.md in the playground', () => {
  it('walks every step of the guide, reaching each picture it shows, with no error on the way', async () => {
    await walkThrough(s);
    const seen = s.seen as Map<string, string>;
    const pictures = docImages(doc, 'docs').map((i) => i.path.split('/').pop() as string);
    expect(pictures.filter((p) => !seen.has(p))).toEqual([]);
    expect(s.errors).toEqual([]);
  }, 240_000);

  it('reaches the README\'s pictures too, the digest and the label showing what their alt text says', () => {
    const seen = s.seen as Map<string, string>;
    const pictures = docImages(readme, '.').map((i) => i.path.split('/').pop() as string);
    expect(pictures).toEqual(expect.arrayContaining(['weekly-digest.png', 'media-insights-labels.png']));
    expect(pictures.filter((p) => !seen.has(p))).toEqual([]);
    // The grid's cells, a row at a time: both accounts' figures, then the week's posts and labels.
    const digest = collapse(seen.get('weekly-digest.png') ?? '');
    for (const text of ['Sheetgram weekly digest', 'This week', 'Last week', '@sunny.creates Followers gained', '@harbor.bakery Followers gained',
      'Engagement rate', 'Top 5 posts of this week, by views', 'Labelled and unlabelled posts of this week']) {
      expect(digest, text).toContain(text);
    }
    // docs/reports.md's picture of the digest by e-mail, asked for in the E-mails step: both accounts' figures and charts.
    const mail = collapse(seen.get('weekly-digest-mail.png') ?? '');
    for (const text of ['Weekly Digest of', '@sunny.creates', '@harbor.bakery', 'Followers gained', 'Best post of the week', 'Weekly Digest, which you asked for under E-mails']) {
      expect(mail, text).toContain(text);
    }
    const labels = collapse(seen.get('media-insights-labels.png') ?? '');
    for (const text of ['Permalink Label Views', 'Sponsored', 'Views on day 1 Views on day 3 Views on day 7 Views on day 30']) expect(labels, text).toContain(text);
  });

  it('shows every name and sentence the guide quotes in bold or code', () => {
    const seen = collapse([...(s.seen as Map<string, string>).values()].join('\n'));
    const quoted = quotedPhrases(doc).filter((q) => !q.text.startsWith('=') && !q.text.startsWith('npm '));
    expect(quoted.length).toBeGreaterThan(50);
    const unseen = [...new Set(quoted.map((q) => q.text).filter((text) => !seen.includes(text)))];
    expect(unseen.filter((text) => !UNREACHED.includes(text))).toEqual([]);
    // The few the walk does not reach are still the sidebar's own words, and still quoted.
    const wording = sidebarWording();
    for (const text of UNREACHED) {
      expect(wording.hasStatic(text), text).toBe(true);
      expect(quoted.some((q) => q.text === text), `${text} is no longer quoted: drop it from UNREACHED`).toBe(true);
    }
  });
});
