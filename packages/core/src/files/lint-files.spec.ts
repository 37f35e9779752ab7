import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';

// Scripts the fast shell reader reads, and one only tree-sitter reads (backquotes).
const PLAIN = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
const NEEDS_TREE_SITTER = 'FROM debian:12\nRUN echo `date` && apt-get update && apt-get install -y curl\n';

type Modules = {
  lintFiles: typeof import('./lint-files').lintFiles;
  isBashParserLoaded: () => boolean;
  createLinter: typeof import('../linter').createLinter;
  linterWith: typeof import('../linter').linterWith;
  lazyBashParser: typeof import('../parse/bash-parser').lazyBashParser;
};

/** Fresh copies of the modules, so that tree-sitter starts out not loaded (and, with `failLoad`, cannot load). */
function freshModules(failLoad = false): Modules {
  let modules: Modules | undefined;
  jest.isolateModules(() => {
    if (failLoad) {
      jest.doMock('web-tree-sitter', () => {
        throw new Error('no grammar here');
      });
    }
    modules = {
      lintFiles: require('./lint-files').lintFiles,
      isBashParserLoaded: require('../parse/bash-parser').isBashParserLoaded,
      createLinter: require('../linter').createLinter,
      linterWith: require('../linter').linterWith,
      lazyBashParser: require('../parse/bash-parser').lazyBashParser,
    };
  });
  return modules!;
}

describe('lintFiles and tree-sitter', () => {
  const dir = tempDir('layerlint-lint-files-');
  const plain = join(dir, 'Dockerfile');
  const needs = join(dir, 'Dockerfile.backquotes');
  writeFileSync(plain, PLAIN);
  writeFileSync(needs, NEEDS_TREE_SITTER);

  it('does not load tree-sitter when every script is read without it', async () => {
    const { lintFiles, isBashParserLoaded } = freshModules();
    const [result] = await lintFiles([plain], { noConfig: true });
    expect(result.findings.map((f) => f.ruleId)).toContain('apt-lists');
    expect(isBashParserLoaded()).toBe(false);
  });

  it('loads it for the first script that needs it and lints that file as the eager linter does', async () => {
    const { lintFiles, isBashParserLoaded, createLinter } = freshModules();
    const results = await lintFiles([plain, needs, needs], { noConfig: true });
    expect(isBashParserLoaded()).toBe(true);
    const eager = (await createLinter()).lintText(NEEDS_TREE_SITTER, { filePath: needs });
    expect(results[1].findings).toEqual(eager.findings);
    expect(results[2].findings).toEqual(eager.findings);
    expect(results[1].fatal).toBeUndefined();
  });

  it('goes on with the other files while it loads, and keeps the results in order', async () => {
    const { lintFiles, createLinter } = freshModules();
    const results = await lintFiles([needs, plain, needs, plain], { noConfig: true });
    expect(results.map((r) => r.filePath)).toEqual([needs, plain, needs, plain]);
    const eager = await createLinter();
    expect(results[0].findings).toEqual(eager.lintText(NEEDS_TREE_SITTER, { filePath: needs }).findings);
    expect(results[1].findings).toEqual(eager.lintText(PLAIN, { filePath: plain }).findings);
    expect(results.every((r) => r.fatal === undefined)).toBe(true);
  });

  it('lints the files after one that waits before tree-sitter is ready', async () => {
    const { lintFiles, isBashParserLoaded, linterWith, lazyBashParser } = freshModules();
    const inner = linterWith(lazyBashParser);
    const linted: [string | undefined, boolean][] = [];
    const linter: typeof inner = {
      lintText: (text, options) => {
        linted.push([options?.filePath, isBashParserLoaded()]);
        return inner.lintText(text, options);
      },
      fixText: inner.fixText,
    };
    await lintFiles([needs, plain], { noConfig: true, linter });
    // The first try of `needs` finds tree-sitter missing; `plain` is done while it loads; then `needs`.
    expect(linted).toEqual([
      [needs, false],
      [plain, false],
      [needs, true],
    ]);
  });

  it('fixes the entries of one path in order when the first one waits for tree-sitter', async () => {
    const { lintFiles } = freshModules();
    const file = join(dir, 'Dockerfile.twice');
    writeFileSync(file, NEEDS_TREE_SITTER);
    const [first, , second] = await lintFiles([file, plain, file], { noConfig: true, fix: true, root: dir });
    expect(first.output).toContain('rm -rf /var/lib/apt/lists/*');
    // The second entry read the file the first one fixed: nothing left to fix.
    expect(second.output).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(first.output);
  });

  it('fails the run with the load error when tree-sitter cannot be loaded', async () => {
    const { lintFiles } = freshModules(true);
    try {
      await expect(lintFiles([needs, plain, plain], { noConfig: true })).rejects.toThrow('no grammar here');
    } finally {
      jest.dontMock('web-tree-sitter');
    }
  });

  it('fixes such a file too', async () => {
    const { lintFiles } = freshModules();
    const [result] = await lintFiles([needs], { noConfig: true, fixDryRun: true });
    expect(result.output).toContain('rm -rf /var/lib/apt/lists/*');
    expect(result.output).toContain('echo `date`');
  });
});
