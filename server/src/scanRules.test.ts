import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { scanRules } from './scanRules';

describe('scanRules', () => {
  const rules = scanRules({ '**/generated': true, '**/*.tmp.yaml': true, off: false, '**/*.js': { when: '$(basename).ts' } }, { vendor: true, '/srv/shared/**': true }, { ...DEFAULT_SETTINGS, exclude: ['**/charts/**'] });
  const excluded = (rel: string) => rules.isExcluded(rel, `/repo/${rel}`);

  it('skips .git and node_modules at any depth, and everything below them', () => {
    for (const rel of ['.git', '.git/config.yaml', 'node_modules', 'a/node_modules/b/ns.yaml']) assert.ok(excluded(rel), rel);
    assert.ok(!excluded('.github/ns.yaml'));
  });

  it('skips what files.exclude, search.exclude and podsec.exclude match, and everything below it', () => {
    for (const rel of ['generated', 'generated/ns.yaml', 'a/generated/deep/ns.yaml', 'x.tmp.yaml', 'vendor/ns.yaml', 'charts/web/templates/ns.yaml']) assert.ok(excluded(rel), rel);
    for (const rel of ['ns.yaml', 'off/ns.yaml', 'a/vendor/ns.yaml', 'charts']) assert.ok(!excluded(rel), rel);
  });

  it('ignores `when` conditions and disabled patterns', () => {
    assert.ok(!excluded('app.js'));
    assert.ok(!excluded('off'));
  });

  it('matches absolute patterns against the absolute path', () => {
    assert.ok(rules.isExcluded('ns.yaml', '/srv/shared/ns.yaml'));
    assert.ok(!rules.isExcluded('ns.yaml', '/srv/other/ns.yaml'));
  });

  it('ignores VS Code settings of the wrong shape', () => {
    const odd = scanRules(['**/x'], 'vendor', DEFAULT_SETTINGS);
    assert.ok(!odd.isExcluded('x', '/repo/x'));
    assert.ok(!odd.isExcluded('vendor', '/repo/vendor'));
  });

  it('has the same key for the same rules, in any order, and another for other rules', () => {
    const a = scanRules({ a: true, b: true }, {}, DEFAULT_SETTINGS);
    const b = scanRules({ b: true }, { a: true }, DEFAULT_SETTINGS);
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, scanRules({ a: true }, {}, DEFAULT_SETTINGS).key);
    assert.notEqual(a.key, scanRules({ a: true, b: true }, {}, { ...DEFAULT_SETTINGS, maxFileSize: 1 }).key);
  });
});
