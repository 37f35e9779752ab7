import fc from 'fast-check';
import { createLinter, type Linter } from '../linter';
import { loadCorpus } from './test-support/corpus';
import { propertySettings, propertyTimeout } from './test-support/fast-check-settings';
import { applyMutation, mutationArbitrary } from './test-support/mutations';

/**
 * Real Dockerfiles, slightly broken: lint must never throw (a fatal parse error is a fine answer),
 * and on whatever still parses, fix must be idempotent and leave no fixable finding.
 */
const corpus = loadCorpus();
let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

const describeWithCorpus = corpus ? describe : describe.skip;

describeWithCorpus('mutated real-world Dockerfiles', () => {
  const files = corpus ?? [];
  const mutated = fc
    .record({ file: fc.nat({ max: Math.max(0, files.length - 1) }), mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }) })
    .map(({ file, mutations }) => ({ name: files[file].path, mutations, text: mutations.reduce(applyMutation, files[file].text) }));

  it('has the corpus', () => {
    expect(files.length).toBeGreaterThan(600);
  });

  it(
    'lint never throws; fixes of what still parses are idempotent and leave nothing fixable',
    () => {
      fc.assert(
        fc.property(mutated, ({ text }) => {
          const linted = linter.lintText(text);
          if (linted.fatal) {
            expect(linter.fixText(text).changed).toBe(false);
            return;
          }
          const fixed = linter.fixText(text);
          const relinted = linter.lintText(fixed.output);
          expect(relinted.fatal).toBeUndefined();
          expect(relinted.findings.filter((f) => f.fix).map((f) => `${f.ruleId}@${f.line}`)).toEqual([]);
          expect(linter.fixText(fixed.output).output).toBe(fixed.output);
        }),
        propertySettings(),
      );
    },
    propertyTimeout(400),
  );
});
