// Criteria strings as COUNTIF/SUMIFS read them (on single values), and the criteria functions
// through formulas in a fresh workbook.
import { describe, expect, it } from 'vitest';
import { criterionOf, wildcardMatcher } from '../../../../../local/apps-script/services/spreadsheet/formula-criteria';
import type { Scalar } from '../../../../../local/apps-script/services/spreadsheet/formula-values';
import { serialOf } from '../../../../../local/apps-script/services/spreadsheet/time-zone';
import { formulaBook } from './formula-book';

const coercion = { timeZone: 'Etc/UTC', serial: (ms: number) => serialOf(ms, 'Etc/UTC') };
const passing = (criterion: Scalar, values: Scalar[]) => values.filter(criterionOf(criterion, coercion));

describe('criteria', () => {
  const mixed: Scalar[] = [5, 10, '10', 'ten', 'Image', '', null, true];

  it('compares numbers only with numbers, and text only with text', () => {
    expect(passing('>5', mixed)).toEqual([10]);
    expect(passing('<=10', mixed)).toEqual([5, 10]);
    expect(passing('>m', mixed)).toEqual(['ten']);
    expect(passing('>=2026-01-01', [46022, 46023, '2026-01-01'])).toEqual([46023]);
  });

  it('matches equality by value, text case-insensitively, "10" both ways', () => {
    expect(passing(10, mixed)).toEqual([10]);
    expect(passing('10', mixed)).toEqual([10, '10']);
    expect(passing('=image', mixed)).toEqual(['Image']);
    expect(passing('TRUE', mixed)).toEqual([true]);
    expect(passing(true, mixed)).toEqual([true]);
  });

  it('reads "", "=" and "<>" as empty and not empty', () => {
    expect(passing('', mixed)).toEqual(['', null]);
    expect(passing('=', mixed)).toEqual(['', null]);
    expect(passing('<>', mixed)).toEqual([5, 10, '10', 'ten', 'Image', true]);
    expect(passing('<>10', mixed)).toEqual([5, '10', 'ten', 'Image', '', null, true]);
    expect(passing('<>image', mixed)).toEqual([5, 10, '10', 'ten', '', null, true]);
  });

  it('has * and ? wildcards, and ~ to escape them', () => {
    expect(wildcardMatcher('car*')('CAROUSEL_ALBUM')).toBe(true);
    expect(wildcardMatcher('?ideo')('Video')).toBe(true);
    expect(wildcardMatcher('?ideo')('ideo')).toBe(false);
    expect(wildcardMatcher('what~?')('what?')).toBe(true);
    expect(wildcardMatcher('what~?')('whats')).toBe(false);
    expect(wildcardMatcher('a.b')('axb')).toBe(false);
  });
});

describe('criteria functions', () => {
  function posts() {
    const b = formulaBook();
    b.put('A1', [
      ['Posted at', 'Media type', 'Product type', 'Reach'],
      ['2025-12-01', 'IMAGE', 'FEED', 100],
      ['2025-12-20', 'VIDEO', 'REELS', 300],
      ['2026-01-02', 'image', 'FEED', 200],
      ['2026-01-04', 'CAROUSEL_ALBUM', 'FEED', 'n/a'],
      ['', '', '', ''],
    ]);
    return b;
  }

  it('COUNTIF reads comparisons, text (case-insensitive, wildcards), "<>" and ""', () => {
    const b = posts();
    expect(b.calc('=COUNTIF(B2:B6,"IMAGE")')).toBe(2);
    expect(b.calc('=COUNTIF(B2:B6,"car*")')).toBe(1);
    expect(b.calc('=COUNTIF(B2:B6,"?IDEO")')).toBe(1);
    expect(b.calc('=COUNTIF(B2:B6,"<>")')).toBe(4);
    expect(b.calc('=COUNTIF(B2:B6,"")')).toBe(1);
    expect(b.calc('=COUNTIF(B2:B6,"<>IMAGE")')).toBe(3);
    expect(b.calc('=COUNTIF(D2:D6,">=200")')).toBe(2);
    expect(b.calc('=COUNTIF(D2:D6,200)')).toBe(1);
    expect(b.calc('=COUNTIF(D2:D6,"<1000")')).toBe(3);
  });

  it('COUNTIFS combines criteria, dates compare as numbers (">="&TODAY()-30)', () => {
    const b = posts();
    // The clock reads 2026-01-05 (New York): 30 days back is 2025-12-06.
    expect(b.calc('=COUNTIFS(A2:A,">="&TODAY()-30)')).toBe(3);
    expect(b.calc('=COUNTIFS(A2:A,">="&(TODAY()-30),C2:C,"FEED")')).toBe(2);
    expect(b.calc('=COUNTIFS(B2:B,"image",C2:C,"FEED")')).toBe(2);
  });

  it('COUNTIFS refuses ranges of different sizes and an odd argument count', () => {
    const b = posts();
    expect(b.calc('=COUNTIFS(A2:A,">0",B:B,"IMAGE")')).toBe('#VALUE!');
    expect(b.message()).toBe('Array arguments to COUNTIFS are of different size.');
    expect(b.calc('=COUNTIFS(A2:A)')).toBe('#N/A');
  });

  it('SUMIF and SUMIFS add numbers of the matching rows, skipping text', () => {
    const b = posts();
    expect(b.calc('=SUMIF(C2:C6,"FEED",D2:D6)')).toBe(300);
    expect(b.calc('=SUMIF(D2:D6,">150")')).toBe(500);
    // A sum range given by its first cell takes the criteria range's shape.
    expect(b.calc('=SUMIF(C2:C6,"FEED",D2)')).toBe(300);
    expect(b.calc('=SUMIFS(D2:D,C2:C,"FEED",B2:B,"image")')).toBe(300);
    expect(b.calc('=SUMIFS(D2:D,C2:C,"nothing")')).toBe(0);
  });

  it('AVERAGEIF and AVERAGEIFS average numbers of the matching rows, #DIV/0! when none match', () => {
    const b = posts();
    expect(b.calc('=AVERAGEIF(C2:C6,"FEED",D2:D6)')).toBe(150);
    expect(b.calc('=AVERAGEIFS(D2:D,B2:B,"IMAGE",C2:C,"FEED")')).toBe(150);
    expect(b.calc('=AVERAGEIFS(D2:D,A2:A,">="&(TODAY()-30))')).toBe(250);
    expect(b.calc('=AVERAGEIFS(D2:D,B2:B,"GIF")')).toBe('#DIV/0!');
    expect(b.message()).toBe('Evaluation of function AVERAGEIFS caused a divide by zero error.');
    expect(b.calc('=AVERAGEIF(B2:B6,"nope")')).toBe('#DIV/0!');
    expect(b.calc('=IFERROR(AVERAGEIFS(D2:D,B2:B,"GIF"),0)')).toBe(0);
  });
});
