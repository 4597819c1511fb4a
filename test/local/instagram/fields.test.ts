import { describe, expect, it } from 'vitest';
import { FieldsSyntaxError, parseFields } from '../../../local/instagram/fields';

describe('parseFields', () => {
  it('parses nested fields, limits and insights metrics', () => {
    const f = parseFields('a,b{c,d},e.limit(5){f},insights.metric(x,y){values}');
    expect(f.map((x) => x.name)).toEqual(['a', 'b', 'e', 'insights']);
    expect(f[1].children?.map((x) => x.name)).toEqual(['c', 'd']);
    expect(f[2].modifiers).toEqual({ limit: ['5'] });
    expect(f[3].modifiers.metric).toEqual(['x', 'y']);
    expect(f[3].children?.[0].name).toBe('values');
  });
  it('parses business discovery with nested paged media', () => {
    const [bd] = parseFields('business_discovery.username(rival.bakery){followers_count,media.after(QVFIabc).limit(25){id,like_count}}');
    expect(bd.modifiers.username).toEqual(['rival.bakery']);
    const media = bd.children![1];
    expect(media.modifiers).toEqual({ after: ['QVFIabc'], limit: ['25'] });
    expect(media.children!.map((x) => x.name)).toEqual(['id', 'like_count']);
  });
  it('rejects unbalanced braces with a syntax error', () => {
    expect(() => parseFields('a,b{c')).toThrow(FieldsSyntaxError);
    expect(() => parseFields('a}')).toThrow(/Syntax error/);
    expect(() => parseFields('a.limit{b}')).toThrow(FieldsSyntaxError);
  });
});
