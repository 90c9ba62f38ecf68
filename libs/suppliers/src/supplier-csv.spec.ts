import fc from 'fast-check';
import { neutraliseFormula, restoreFormula } from './supplier-csv-rows.js';

describe('CSV formula protection', () => {
  it('is undone exactly by the importer, for any cell', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom("'", "''=x", "'+44", '+44 20 7946 0000', '=SUM(A1)', '-1', '@x', '\tx')),
        (cell) => {
          expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
        },
      ),
    );
    expect(neutraliseFormula('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
    expect(restoreFormula("'not a formula")).toBe("'not a formula");
  });
});
