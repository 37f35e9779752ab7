import { parseReportTargets, ReportTargetError } from './targets';

describe('parseReportTargets', () => {
  it('defaults to stylish on stdout, and to GitHub workflow commands under GitHub Actions', () => {
    expect(parseReportTargets({ formats: [] })).toEqual([{ format: 'stylish', primary: true }]);
    expect(parseReportTargets({ formats: [], env: { GITHUB_ACTIONS: 'true' } })).toEqual([{ format: 'github', primary: true }]);
    expect(parseReportTargets({ formats: ['json'], env: { GITHUB_ACTIONS: 'true' } })).toEqual([{ format: 'json', primary: true }]);
  });

  it('sends name=path reports to files and a bare name to stdout', () => {
    expect(parseReportTargets({ formats: ['sarif=out/r.sarif', 'stylish', 'junit=a=b.xml'] })).toEqual([
      { format: 'sarif', path: 'out/r.sarif' },
      { format: 'stylish', primary: true },
      { format: 'junit', path: 'a=b.xml' },
    ]);
  });

  it('gives --output-file to the report without a file', () => {
    expect(parseReportTargets({ formats: ['json'], outputFile: 'r.json' })).toEqual([{ format: 'json', path: 'r.json', primary: true }]);
    expect(parseReportTargets({ formats: ['sarif=r.sarif', 'json'], outputFile: 'r.json' })).toEqual([
      { format: 'sarif', path: 'r.sarif' },
      { format: 'json', path: 'r.json', primary: true },
    ]);
  });

  it.each([
    [{ formats: ['xml'] }, 'unknown format "xml" (use stylish, json, sarif, github, gitlab, checkstyle, junit)'],
    [{ formats: ['json', 'stylish'] }, 'only one format can go to standard output (got json, stylish); give the others a file: --format name=path'],
    [{ formats: ['sarif='] }, '--format sarif= needs a file name after "="'],
    [{ formats: ['sarif=a', 'junit=a'] }, 'two reports would be written to a'],
    [{ formats: ['json=a'], outputFile: 'a' }, '--output-file needs a --format without a file (every format here names its own)'],
  ])('rejects %j', (request, message) => {
    expect(() => parseReportTargets(request)).toThrow(new ReportTargetError(message));
  });
});
