import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { BASELINE_DEPLOYMENT, PRIVILEGED_POD, RESTRICTED_POD } from './manifests';

const NS = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n${labels}`;
const inShop = (manifest: string, name: string) => manifest.replace(/name: \w+\n/, `name: ${name}\n  namespace: shop\n`);
const WORKLOADS = {
  'app.yaml': BASELINE_DEPLOYMENT, // namespace shop, name app
  'cart.yaml': BASELINE_DEPLOYMENT.replace('name: app\n', 'name: cart\n'),
  'debug.yaml': inShop(PRIVILEGED_POD, 'debug'),
  'ok.yaml': inShop(RESTRICTED_POD, 'ok'),
};
const tail = (stdout: string) => stdout.slice(stdout.indexOf('what-if namespace'));

describe('podsec check --what-if', () => {
  it('prints the warnings kubectl label --dry-run=server would print, and the counts; exit 1 when something would be rejected', () => {
    const dir = tempTree({ ...WORKLOADS, 'ns.yaml': NS('    pod-security.kubernetes.io/enforce: baseline\n') });
    const r = runCli(['check', '--what-if', 'namespace=shop,enforce=restricted:latest', dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      tail(r.stdout),
      [
        'what-if namespace "shop": enforce=restricted:latest warn=restricted:latest audit=restricted:latest',
        'Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
        'Warning: app (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
        'Warning: debug: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
        '3 workloads in the inputs would be rejected at restricted:latest',
        '',
      ].join('\n'),
    );
    // The report itself is evaluated as if the labels were set.
    assert.match(r.stdout, /✗ 4 workloads in 5 files, 3 rejected by enforce/);
  });

  it('keeps the labels it does not name, and says when the API server would run no dry run', () => {
    const dir = tempTree({ 'ok.yaml': WORKLOADS['ok.yaml'], 'app.yaml': BASELINE_DEPLOYMENT, 'ns.yaml': NS('    pod-security.kubernetes.io/enforce: restricted\n') });
    const r = runCli(['check', '--what-if', 'namespace=shop,enforce-version=v1.24', dir]);
    assert.equal(r.status, 1);
    assert.match(tail(r.stdout), /^what-if namespace "shop": enforce=restricted:v1\.24 /);
    const same = runCli(['check', '--what-if', 'namespace=shop,enforce=baseline', dir]);
    assert.equal(same.status, 0, same.stdout);
    assert.equal(tail(same.stdout).split('\n')[1], '(the API server runs no dry run for this change: "baseline:latest" is not stricter than "restricted:latest" at the same version)');
    assert.equal(tail(same.stdout).split('\n')[2], '✓ no workload in the inputs would be rejected at baseline:latest · 1 would warn at restricted:latest');
  });

  it('takes several namespaces, and keeps JSON on stdout parseable', () => {
    const dir = tempTree({ 'app.yaml': BASELINE_DEPLOYMENT, 'other.yaml': BASELINE_DEPLOYMENT.replace('namespace: shop', 'namespace: blue') });
    const r = runCli(['check', '--format', 'json', '--what-if', 'namespace=shop,enforce=restricted', '--what-if=namespace=blue,warn=privileged,enforce=privileged', dir]);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).summary.objects, 2);
    assert.match(r.stderr, /what-if namespace "shop": enforce=restricted:latest/);
    assert.match(r.stderr, /what-if namespace "blue": enforce=privileged:latest warn=privileged:latest/);
    assert.match(r.stderr, /✓ no workload in the inputs violates privileged:latest/);
  });

  it('rejects bad syntax with exit 2 and a clear message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--what-if', 'enforce=restricted'], /--what-if needs namespace=NAME/],
      [['--what-if', 'namespace=shop'], /--what-if needs at least one of enforce=, warn=, audit=/],
      [['--what-if', 'namespace=shop,enforce=strict'], /--what-if enforce "strict" must be one of privileged, baseline, restricted/],
      [['--what-if', 'namespace=shop,enforce=restricted:1.25'], /--what-if enforce-version "1\.25" must be "latest" or "v1\.x"/],
      [['--what-if', 'namespace=shop,enforce=restricted:latest,enforce-version=v1.25'], /enforce-version is given twice/],
      [['--what-if', 'namespace=shop,level=restricted'], /unknown key "level"/],
      [['--what-if', 'namespace=shop,enforce'], /enforce needs a value/],
      [['--what-if', 'namespace=a,enforce=baseline', '--what-if', 'namespace=a,warn=baseline'], /given twice for namespace "a"/],
      [['--what-if', 'namespace=a,enforce=baseline', '--level', 'baseline'], /cannot be combined with --level/],
      [['--what-if', 'namespace=a,enforce=baseline', '--fix'], /cannot be combined with --fix/],
      [['--what-if='], /--what-if needs namespace=NAME/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['check', ...args, '.']);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });
});

describe('podsec check on Namespace manifests with invalid PSA labels', () => {
  it('prints the API server rejection at the value and exits 1, as for a rejected pod', () => {
    const dir = tempTree({ 'ns.yaml': NS('    pod-security.kubernetes.io/enforce: strict\n    pod-security.kubernetes.io/enforce-version: "1.25"\n') });
    const r = runCli(['check', dir]);
    assert.equal(r.status, 1, r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /ns\.yaml:6:41: error: Namespace "shop" is invalid: metadata\.labels\[pod-security\.kubernetes\.io\/enforce\]: Invalid value: "strict": must be one of privileged, baseline, restricted \[invalid-namespace-label\]$/);
    assert.match(lines[1] ?? '', /ns\.yaml:7:49: error: Namespace "shop" is invalid: metadata\.labels\[pod-security\.kubernetes\.io\/enforce-version\]: Invalid value: "1\.25": must be "latest" or "v1\.x" \[invalid-namespace-label\]$/);
    assert.equal(lines[2], '✗ 0 workloads in 1 file, 0 rejected by enforce, 0 violations, 2 invalid namespace labels (Namespace rejected)');
  });

  it('still exits 2 when a file cannot be checked as well', () => {
    const dir = tempTree({ 'ns.yaml': NS('    pod-security.kubernetes.io/enforce: strict\n'), 'broken.yaml': 'a: [\n' });
    assert.equal(runCli(['check', dir]).status, 2);
  });
});
