import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globMatcher, globToRegExp } from '../../shared/src/glob';

/** [pattern, paths it matches, paths it does not match], in VS Code's glob dialect. */
const CASES: Array<[string, string[], string[]]> = [
  ['**/node_modules', ['node_modules', 'a/node_modules', 'a/b/node_modules'], ['node_modules2', 'a/node_modules/x', 'xnode_modules']],
  ['**/.git', ['.git', 'sub/.git'], ['.github', 'a.git']],
  ['build', ['build'], ['a/build', 'build/x', 'builds']],
  ['build/**', ['build/x', 'build/a/b.yaml'], ['build', 'a/build/x']],
  ['**/*.yaml', ['a.yaml', 'x/y/a.yaml', '.hidden.yaml'], ['a.yml', 'a.yaml/x', 'a.yamlx']],
  ['*.yaml', ['a.yaml'], ['x/a.yaml']],
  ['charts/*/templates', ['charts/web/templates'], ['charts/templates', 'charts/a/b/templates']],
  ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b'], ['a/xb', 'ab', 'a/b/c']],
  ['file?.yaml', ['file1.yaml', 'filex.yaml'], ['file.yaml', 'file12.yaml', 'file/.yaml']],
  ['**/*.{yaml,yml}', ['a.yaml', 'b/c.yml'], ['a.json', 'a.{yaml,yml}']],
  ['{tmp,out/{debug,release}}', ['tmp', 'out/debug', 'out/release'], ['out', 'out/other', 'tmp/x']],
  ['{**/tmp,dist}', ['tmp', 'a/b/tmp', 'dist'], ['a/dist']],
  ['v[0-9]', ['v1', 'v9'], ['va', 'v10']],
  ['v[!0-9]', ['va'], ['v1', 'v/']],
  ['v[^0-9]', ['va'], ['v1']],
  ['a.b+c(d)$', ['a.b+c(d)$'], ['axb+c(d)$', 'a.bbc(d)$']],
  ['a**b', ['ab', 'axxb'], ['a/b', 'ax/yb']],
  ['[', ['['], ['a']],
  ['{a,b', ['{a,b'], ['a']],
  ['./deploy/', ['deploy'], ['x/deploy']],
];

describe('glob', () => {
  for (const [pattern, yes, no] of CASES) {
    it(pattern, () => {
      const match = globMatcher([pattern]);
      for (const path of yes) assert.ok(match(path), `${pattern} should match ${path}`);
      for (const path of no) assert.ok(!match(path), `${pattern} should not match ${path}`);
    });
  }

  it('matches absolute patterns against the absolute path only', () => {
    const match = globMatcher(['/srv/**/vendor']);
    assert.ok(match('vendor', '/srv/repo/vendor'));
    assert.ok(!match('srv/repo/vendor'));
    assert.ok(!match('vendor', '/home/repo/vendor'));
  });

  it('matches when any pattern matches; empty lists and blank patterns match nothing', () => {
    assert.ok(globMatcher(['x', '**/y'])('a/y'));
    assert.ok(!globMatcher([])('a'));
    assert.ok(!globMatcher(['', '  '])(''));
  });

  it('never throws on odd input', () => {
    for (const pattern of ['[]', '[]]', '{}', '{,}', '\\', '(', '**/**', '***', '[z-a]']) {
      assert.doesNotThrow(() => globMatcher([pattern])('a/b'));
    }
    assert.equal(globToRegExp('[z-a]'), undefined, 'an invalid range is rejected, not thrown');
  });
});
