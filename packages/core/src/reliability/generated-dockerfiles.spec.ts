import fc from 'fast-check';
import { createLinter, type Linter } from '../linter';
import { ADD_ONLY_RULES, isOriginalPlusTokens, tokensOf } from './test-support/cleanup-tokens';
import { dockerfileArbitrary } from './test-support/dockerfile-arbitrary';
import { propertySettings, propertyTimeout } from './test-support/fast-check-settings';

/**
 * Properties of lint and fix over generated Dockerfiles (see test-support/dockerfile-arbitrary.ts).
 * The seed is fixed (LAYERLINT_FC_SEED, default 42); LAYERLINT_FC_RUNS sets the number of cases.
 */
let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

const fixable = (findings: { fix?: unknown }[]) => findings.filter((f) => f.fix);

describe('generated Dockerfiles', () => {
  it(
    'lint never throws, and reports either findings or one fatal parse error with a line',
    () => {
      fc.assert(
        fc.property(dockerfileArbitrary, ({ text }) => {
          const result = linter.lintText(text);
          if (result.fatal) {
            expect(result.fatal.kind).toBe('parse');
            expect(result.fatal.message).not.toBe('');
            expect(result.fatal.line).toBeGreaterThanOrEqual(1);
            expect(result.findings).toEqual([]);
          }
          for (const f of result.findings) expect(f.line).toBeGreaterThanOrEqual(1);
        }),
        propertySettings(),
      );
    },
    propertyTimeout(50),
  );

  it(
    'fix is idempotent; the fixed text re-parses and has no fixable finding left',
    () => {
      fc.assert(
        fc.property(dockerfileArbitrary, ({ text }) => {
          const first = linter.fixText(text);
          const relinted = linter.lintText(first.output);
          if (linter.lintText(text).fatal) {
            // A file that does not parse is never changed.
            expect(first.changed).toBe(false);
            return;
          }
          expect(relinted.fatal).toBeUndefined();
          expect(fixable(relinted.findings).map((f) => `${(f as { ruleId?: string }).ruleId}`)).toEqual([]);
          expect(linter.fixText(first.output).output).toBe(first.output);
        }),
        propertySettings(),
      );
    },
    propertyTimeout(150),
  );

  it(
    'add-only fixes keep every original character in order and add only their own tokens',
    () => {
      const ruleChoice = fc.oneof(fc.constantFrom(...ADD_ONLY_RULES.map((r) => [r])), fc.constant(ADD_ONLY_RULES));
      fc.assert(
        fc.property(dockerfileArbitrary, ruleChoice, ({ text, style }, rules) => {
          const fixed = linter.fixText(text, { only: rules });
          if (!fixed.changed) return;
          const tokens = tokensOf(rules, style.escape);
          if (!isOriginalPlusTokens(text, fixed.output, tokens)) {
            throw new Error(`fix of ${rules.join(',')} did more than add its tokens:\n--- original\n${text}\n--- fixed\n${fixed.output}`);
          }
        }),
        propertySettings(),
      );
    },
    propertyTimeout(100),
  );

  it(
    'lint never throws on arbitrary text, including control characters and astral code points',
    () => {
      const anyText = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(fc.constantFrom('FROM x', 'RUN ', '\\', '\n', '\r\n', '<<EOF', 'EOF', '"', "'", '$(', ')', '`', '# escape=`', '[', ']', '\t', ' && '), { maxLength: 60 }).map((parts) => parts.join('')),
      );
      fc.assert(
        fc.property(anyText, (text) => {
          linter.lintText(text);
          linter.fixText(text);
        }),
        propertySettings(),
      );
    },
    propertyTimeout(30),
  );
});

describe('the cleanup-token checker itself', () => {
  // The property above is only as good as this checker: it must reject what a faulty fix would do.
  const tokens = tokensOf(['pip-no-cache', 'apt-lists'], '\\');
  it('accepts an inserted flag and an appended cleanup', () => {
    expect(isOriginalPlusTokens('RUN pip install x', 'RUN pip install --no-cache-dir x', tokens)).toBe(true);
    expect(isOriginalPlusTokens('RUN apt-get update \\\n  && apt-get install -y c', 'RUN apt-get update \\\n  && apt-get install -y c \\\n  && rm -rf /var/lib/apt/lists/*', tokens)).toBe(true);
  });
  it('rejects a deletion, a reordering and a foreign insertion', () => {
    expect(isOriginalPlusTokens('RUN pip install x', 'RUN pip install', tokens)).toBe(false);
    expect(isOriginalPlusTokens('RUN a && b', 'RUN b && a', tokens)).toBe(false);
    expect(isOriginalPlusTokens('RUN pip install x', 'RUN pip install --no-cache-dir x && rm -rf /', tokens)).toBe(false);
    expect(isOriginalPlusTokens('RUN pip install x', 'RUN pip install --no-cache x', tokens)).toBe(false);
  });
});
