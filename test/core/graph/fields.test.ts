import { describe, expect, it } from 'vitest';
import { expand, fieldList } from '../../../src/core/graph/fields';

describe('fieldList', () => {
  it('writes expansions with modifiers and nested fields', () => {
    expect(fieldList(['id', expand('insights', { metric: ['reach', 'views'] }, ['values']), expand('children', {}, ['id', 'media_type'])]))
      .toBe('id,insights.metric(reach,views){values},children{id,media_type}');
    expect(fieldList([expand('media', { after: 'QVFIabc', limit: 25 }, ['id', expand('comments', { limit: 5 }, ['text'])])]))
      .toBe('media.after(QVFIabc).limit(25){id,comments.limit(5){text}}');
  });

  it('refuses names and arguments that would change the request', () => {
    expect(() => fieldList(['id,access_token'])).toThrow(/Not a valid Graph field/);
    expect(() => expand('insights', { metric: ['reach)'] })).toThrow(/modifier argument/);
    expect(() => expand('a{b}')).toThrow();
  });
});
