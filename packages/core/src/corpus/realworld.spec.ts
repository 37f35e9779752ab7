import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDockerfile } from '../files/read';
import { createLinter } from '../linter';

/**
 * The shared corpus of real Dockerfiles sits beside the checkout (../shared/corpus/realworld).
 * It belongs to its authors and is only read here, never copied. A user's clone does not have it:
 * then this suite says so and passes, unless LAYERLINT_REQUIRE_CORPUS=1 (CI) makes that a failure.
 */
const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'realworld');

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(path);
    return entry.name === 'MANIFEST.tsv' ? [] : [path];
  });
}

describe('the real-world corpus', () => {
  it('lints and fixes every file without a crash; fixes re-lint clean and are idempotent', async () => {
    if (!existsSync(CORPUS)) {
      if (process.env.LAYERLINT_REQUIRE_CORPUS === '1') throw new Error(`corpus folder ${CORPUS} is absent but LAYERLINT_REQUIRE_CORPUS=1`);
      console.warn(`[corpus] SKIPPED: ${CORPUS} is absent (it sits beside the checkout on developer machines and in CI)`);
      return;
    }
    const linter = await createLinter();
    const files = filesBelow(CORPUS);
    expect(files.length).toBeGreaterThan(600);
    const problems: string[] = [];
    let linted = 0;
    let fixedFiles = 0;
    for (const file of files) {
      const name = relative(CORPUS, file);
      const read = await readDockerfile(file);
      if (!read.ok) {
        problems.push(`${name}: cannot be read: ${read.fatal.message}`);
        continue;
      }
      try {
        const result = linter.lintText(read.text, { filePath: file });
        if (result.fatal) continue; // Not a valid Dockerfile (a few are not): reported, not crashed.
        linted++;
        const fixed = linter.fixText(read.text, { filePath: file });
        if (fixed.changed) fixedFiles++;
        const leftFixable = fixed.result.findings.filter((f) => f.fix);
        if (leftFixable.length > 0) problems.push(`${name}: fixable findings left after --fix: ${leftFixable.map((f) => `${f.ruleId}@${f.line}`).join(', ')}`);
        if (fixed.result.fatal) problems.push(`${name}: the fixed text no longer parses: ${fixed.result.fatal.message}`);
        if (linter.fixText(fixed.output, { filePath: file }).output !== fixed.output) problems.push(`${name}: a second fix changed the file`);
      } catch (error) {
        problems.push(`${name}: crashed: ${(error as Error).stack}`);
      }
    }
    expect(problems).toEqual([]);
    // Nearly every file is a valid Dockerfile, and the rules have real work to do in this corpus.
    expect(linted).toBeGreaterThan(files.length * 0.95);
    expect(fixedFiles).toBeGreaterThan(20);
  }, 300_000);
});
