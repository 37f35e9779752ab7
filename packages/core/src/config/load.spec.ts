import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { propertySettings } from '../reliability/test-support/fast-check-settings';
import { tempDir } from '../test-support/temp-dir';
import { CONFIG_FILE_NAME, HADOLINT_CONFIG_FILE_NAMES } from '../names';
import { ConfigResolver, mergeConfigs, readConfigFile, type ConfigFileSystem } from './load';
import { ConfigError } from './validate';

function tree(files: Record<string, string>): string {
  const root = tempDir('layerlint-config-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('config files', () => {
  it('merges layerlint.config.json files from the root down; inner files win; root: true stops the search', () => {
    const root = tree({
      'layerlint.config.json': JSON.stringify({ rules: { 'apt-lists': 'warn', DL3042: 'off' }, failureThreshold: 'warn' }),
      'apps/api/layerlint.config.json': JSON.stringify({ rules: { 'apt-lists': 'error' }, stages: { targets: ['prod'] } }),
      'apps/web/layerlint.config.json': JSON.stringify({ root: true, rules: { 'apt-lists': 'off' } }),
    });
    const resolver = new ConfigResolver();
    const api = resolver.forFile(join(root, 'apps/api/docker/Dockerfile'));
    expect(api.rules).toEqual({ 'apt-lists': 'error', 'pip-no-cache': 'off' });
    expect(api.stages).toEqual({ targets: ['prod'] });
    expect(api.failureThreshold).toBe('warn');
    expect(api.sources).toEqual([join(root, 'layerlint.config.json'), join(root, 'apps/api/layerlint.config.json')]);
    const web = resolver.forFile(join(root, 'apps/web/Dockerfile'));
    expect(web.rules).toEqual({ 'apt-lists': 'off' });
    expect(web.failureThreshold).toBe('error');
  });

  it('reads .hadolint.yaml when there is no layerlint config', () => {
    const root = tree({
      '.hadolint.yaml': ['ignored:', '  - DL3009', '  - DL3008', 'override:', '  info:', '    - DL3042', 'failure-threshold: warning', 'trustedRegistries: [docker.io]', ''].join('\n'),
    });
    const config = new ConfigResolver().forFile(join(root, 'Dockerfile'));
    expect(config.rules).toEqual({ 'apt-lists': 'off', 'pip-no-cache': 'warn' });
    expect(config.failureThreshold).toBe('warn');
  });

  it('prefers a layerlint config over .hadolint.yaml', () => {
    const root = tree({ '.hadolint.yaml': 'ignored: [DL3009]\n', 'layerlint.config.json': '{}' });
    expect(new ConfigResolver().forFile(join(root, 'Dockerfile')).rules).toEqual({});
  });

  it('uses one explicit config file for everything', () => {
    const root = tree({ 'ci.json': JSON.stringify({ rules: { 'apt-lists': 'off' } }), 'layerlint.config.json': JSON.stringify({ rules: { 'pip-no-cache': 'off' } }) });
    expect(new ConfigResolver(join(root, 'ci.json')).forFile(join(root, 'Dockerfile')).rules).toEqual({ 'apt-lists': 'off' });
  });

  it.each([
    ['not JSON', '{ rules: ', /is not valid JSON/],
    ['not an object', '[]', /must hold a JSON object, not an array/],
    ['an unknown key', '{ "rulez": {} }', /"rulez" is not a layerlint setting/],
    ['an unknown rule', '{ "rules": { "no-such-rule": "off" } }', /"rules.no-such-rule" names no layerlint rule/],
    ['a wrong level', '{ "rules": { "apt-lists": "warning" } }', /"rules.apt-lists" must be "off", "warn" or "error"/],
    ['an unknown option', '{ "rules": { "apt-lists": ["error", { "x": 1 }] } }', /"rules.apt-lists.x" is not an option of apt-lists/],
    ['a bad stage policy', '{ "stages": { "targets": [] } }', /"stages" must be "shipped", "all" or/],
    ['a bad threshold', '{ "failureThreshold": "info" }', /"failureThreshold" must be "error", "warn" or "none"/],
  ])('rejects %s, naming the file and the key', (_name, content, message) => {
    const root = tree({ 'layerlint.config.json': content });
    const resolve = () => new ConfigResolver().forFile(join(root, 'Dockerfile'));
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(message);
    expect(resolve).toThrow(join(root, 'layerlint.config.json'));
  });

  it('rejects a broken .hadolint.yaml', () => {
    const root = tree({ '.hadolint.yaml': 'ignored: DL3009\n' });
    expect(() => new ConfigResolver().forFile(join(root, 'Dockerfile'))).toThrow(/"ignored" must be a list of rule codes/);
  });

  it('finds the nearest .hadolint.yaml, and ignores hadolint files wherever a layerlint config applies', () => {
    const root = tree({
      '.hadolint.yaml': 'ignored: [DL3009]\n',
      'apps/api/.hadolint.yml': 'ignored: [DL3042]\n',
      'apps/web/layerlint.config.json': JSON.stringify({ rules: { 'apt-lists': 'warn' } }),
      'apps/web/inner/.hadolint.yaml': 'ignored: [DL3042]\n',
    });
    const resolver = new ConfigResolver();
    expect(resolver.forFile(join(root, 'apps/api/deep/Dockerfile')).rules).toEqual({ 'pip-no-cache': 'off' });
    expect(resolver.forFile(join(root, 'apps/other/Dockerfile')).rules).toEqual({ 'apt-lists': 'off' });
    expect(resolver.forFile(join(root, 'apps/web/inner/Dockerfile')).rules).toEqual({ 'apt-lists': 'warn' });
  });

  it('resolves every directory as a plain upward walk would, however the directories are visited', () => {
    // The reference: look in the file's directory and each one above, as the rule is written.
    const walk = (fs: ConfigFileSystem, directory: string) => {
      const chain = [];
      let hadolint: string | undefined;
      for (let dir = directory; ; dir = dirname(dir)) {
        const path = join(dir, CONFIG_FILE_NAME);
        if (fs.readFile(path) !== null) {
          const config = readConfigFile(path, fs);
          chain.unshift({ path, config });
          if (config.root) break;
        }
        hadolint ??= HADOLINT_CONFIG_FILE_NAMES.map((name) => join(dir, name)).find((p) => fs.readFile(p) !== null);
        if (dir === '/') break;
      }
      if (chain.length === 0 && hadolint) chain.push({ path: hadolint, config: readConfigFile(hadolint, fs) });
      return mergeConfigs(chain);
    };
    const directory = fc.array(fc.constantFrom('a', 'b'), { maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    const configFile = fc.oneof(
      fc.record({ name: fc.constant(CONFIG_FILE_NAME), rule: fc.constantFrom('off', 'warn', 'error'), root: fc.boolean() }).map((c) => ({
        name: c.name, text: JSON.stringify({ ...(c.root ? { root: true } : {}), rules: { 'apt-lists': c.rule }, failureThreshold: c.rule === 'off' ? 'none' : c.rule }),
      })),
      fc.record({ name: fc.constantFrom(...HADOLINT_CONFIG_FILE_NAMES), code: fc.constantFrom('DL3009', 'DL3042') }).map((c) => ({ name: c.name, text: `ignored: [${c.code}]\n` })),
    );
    const files = fc.array(fc.tuple(directory, configFile), { maxLength: 8 });
    const visits = fc.array(directory, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(files, visits, (placed, visited) => {
        const disk = new Map(placed.map(([dir, file]) => [join(dir, file.name), file.text]));
        const fs: ConfigFileSystem = { readFile: (path) => disk.get(path) ?? null };
        const resolver = new ConfigResolver(undefined, fs);
        for (const dir of visited) expect(resolver.forFile(join(dir, 'Dockerfile'))).toEqual(walk(fs, dir));
      }),
      propertySettings(2),
    );
  });
});
