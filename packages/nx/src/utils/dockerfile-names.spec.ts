import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDockerfileNameFilter, isDockerfileName } from './dockerfile-names';

describe('Dockerfile names', () => {
  it.each([
    ['Dockerfile', true],
    ['api.Dockerfile', true],
    ['Containerfile.dev', true],
    ['.Dockerfile', false],
    ['Dockerfile.dockerignore', false],
  ])('%s is a Dockerfile: %s (the core decides)', (name, expected) => {
    expect(isDockerfileName(name)).toBe(expected);
  });

  it('narrows with custom patterns but never widens', () => {
    const filter = createDockerfileNameFilter(['Dockerfile', '*.Dockerfile', 'README.*']);
    expect(['Dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'README.md'].filter(filter)).toEqual(['Dockerfile', 'api.Dockerfile']);
    expect(createDockerfileNameFilter([])('Dockerfile.dev')).toBe(true);
  });

  it('inference loads the names without loading the linter (built plugin, fresh process)', () => {
    const plugin = join(__dirname, '..', '..', 'dist', 'plugin.js');
    const loaded = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(plugin)}); console.log(JSON.stringify(Object.keys(require.cache)))`], { encoding: 'utf8' });
    const modules: string[] = JSON.parse(loaded);
    expect(modules.some((m) => m.includes('web-tree-sitter') || m.includes('dockerfile-ast') || m.endsWith('core/dist/index.js'))).toBe(false);
    expect(modules.some((m) => m.endsWith('core/dist/names.js'))).toBe(true);
  });
});
