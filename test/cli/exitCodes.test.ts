import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { BASELINE_DEPLOYMENT, BROKEN, PRIVILEGED_POD, RESTRICTED_POD, SERVICE } from './manifests';

describe('podsec check exit codes', () => {
  it('is 0 when nothing violates enforce (warnings allowed)', () => {
    const dir = tempTree({ 'a.yaml': BASELINE_DEPLOYMENT, 'b.yaml': RESTRICTED_POD });
    const r = runCli(['check', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /warning: /);
  });

  it('is 1 when something violates enforce', () => {
    const dir = tempTree({ 'a.yaml': PRIVILEGED_POD });
    assert.equal(runCli(['check', dir]).status, 1);
  });

  it('is 1 at --level restricted for a baseline-only workload, 0 at --level baseline', () => {
    const dir = tempTree({ 'a.yaml': BASELINE_DEPLOYMENT });
    assert.equal(runCli(['check', '--level', 'restricted', dir]).status, 1);
    assert.equal(runCli(['check', '--level=baseline', dir]).status, 0);
    assert.equal(runCli(['check', '--level', 'privileged', join(dir, 'a.yaml')]).status, 0);
  });

  it('is 2 on usage errors, with a message and the usage on stderr', () => {
    for (const args of [['check'], ['frobnicate', 'x'], ['check', '--level', 'strict', 'x'], ['check', '--format', 'xml', 'x'], ['check', '--version', 'v1.2', 'x'], ['check', '--level', 'baseline', '--version', '1.25', 'x'], ['check', '--bogus', 'x']]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^podsec: /);
      assert.match(r.stderr, /Usage: podsec check/);
      assert.equal(r.stdout, '');
    }
  });

  it('is 2 when a file cannot be read or parsed, and still checks the others', () => {
    const dir = tempTree({ 'a-broken.yaml': BROKEN, 'b.yaml': PRIVILEGED_POD, 'c.yaml': SERVICE });
    const r = runCli(['check', '--format', 'json', dir, join(dir, 'missing.yaml')]);
    assert.equal(r.status, 2);
    const report = JSON.parse(r.stdout);
    const byName = (suffix: string) => report.files.find((f: { path: string }) => f.path.endsWith(suffix));
    assert.equal(byName('a-broken.yaml').errors.length > 0, true);
    assert.equal(byName('b.yaml').objects[0].allowed, false);
    assert.match(byName('missing.yaml').errors[0].message, /no such file/);
  });

  it('prints help and the version with status 0', () => {
    assert.equal(runCli(['--help']).status, 0);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });
});
