import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runCli, tempTree } from '../support/cli';

/**
 * A node agent: privileged and on the host network, both suppressed with reasons; one more
 * suppression that expired long ago (so the test does not depend on today's date) and one that
 * lasts until 2999.
 */
const AGENT = `apiVersion: v1
kind: Pod  # podsec-ignore hostNamespaces until=2999-12-31 -- node agent, reviewed in SEC-12
metadata:
  name: agent
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx
      securityContext:
        # podsec-ignore privileged -- needs /dev/fuse
        privileged: true
`;

/** 0-based line and character range of the comment on a line of AGENT (which both texts share). */
function commentAt(text: string, line: number) {
  const l = text.split('\n')[line] ?? '';
  return { start: { line, character: l.indexOf('#') }, end: { line, character: l.length } };
}

function sarifRegion(text: string, line: number) {
  const { start, end } = commentAt(text, line);
  const lineStart = text.split('\n').slice(0, line).join('\n').length + 1;
  return { startLine: line + 1, startColumn: start.character + 1, endLine: line + 1, endColumn: end.character + 1, charOffset: lineStart + start.character, charLength: end.character - start.character };
}

const EXPIRED = AGENT.replace('# podsec-ignore privileged -- needs /dev/fuse', '# podsec-ignore privileged until=2000-01-31 -- needs /dev/fuse');

describe('podsec check and # podsec-ignore', () => {
  it('does not fail the run for suppressed findings, and counts them in the summary', () => {
    const r = runCli(['check', '--level', 'baseline', '-'], { input: AGENT });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /✓ 1 workload in 1 file, 0 rejected by enforce, 0 violations, 2 suppressed\n$/);
    assert.doesNotMatch(r.stdout, /privileged=true/);
  });

  it('reports an expired suppression\'s finding again, with a warning at the date', () => {
    const r = runCli(['check', '--level', 'baseline', '-'], { input: EXPIRED });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /<stdin>:11:42: warning: podsec-ignore for privileged expired on 2000-01-31; the finding is reported again \[suppression-expired\]/);
    assert.match(r.stdout, /<stdin>:12:21: error: privileged: container "app" must not set securityContext.privileged=true \(enforce baseline:latest\) \[privileged\]/);
    assert.match(r.stdout, /1 rejected by enforce, 1 violation, 1 suppressed\n$/);
  });

  it('--no-suppressions reports everything and says so', () => {
    const r = runCli(['check', '--no-suppressions', '--level', 'baseline', '-'], { input: AGENT });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /\[privileged\]/);
    assert.match(r.stdout, /\[hostNamespaces\]/);
    assert.match(r.stdout, /✗ 1 workload in 1 file, 1 rejected by enforce, 2 violations, podsec-ignore comments ignored \(--no-suppressions\)\n$/);
    assert.equal(runCli(['check', '--no-suppressions=yes', '-'], { input: AGENT }).status, 2);
  });

  it('warnings about the comments do not fail the run', () => {
    const r = runCli(['check', '--level', 'baseline', '-'], { input: AGENT.replace('-- needs /dev/fuse', '') });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /<stdin>:11:9: warning: podsec-ignore without a reason: say after " -- " why this finding is acceptable here \[suppression-no-reason\]/);
  });

  it('JSON lists suppressed findings with their justification, and keeps the API server\'s verdict', () => {
    const r = runCli(['check', '--format', 'json', '--level', 'baseline', '-'], { input: AGENT });
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.summary, { files: 1, objects: 1, violations: 0, errors: 0, suppressed: 2 });
    const [object] = report.files[0].objects;
    assert.equal(object.allowed, false);
    assert.match(object.message, /^pods "agent" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostNetwork=true\), privileged/);
    assert.deepEqual(object.violations, []);
    assert.deepEqual(
      object.suppressed.map((s: { check: string; suppression: unknown }) => [s.check, s.suppression]),
      [
        ['hostNamespaces', { justification: 'node agent, reviewed in SEC-12', until: '2999-12-31', scope: 'object', range: commentAt(AGENT, 1) }],
        ['privileged', { justification: 'needs /dev/fuse', until: null, scope: 'field', range: commentAt(AGENT, 10) }],
      ],
    );
    const ignored = JSON.parse(runCli(['check', '--format', 'json', '--no-suppressions', '--level', 'baseline', '-'], { input: AGENT }).stdout);
    assert.deepEqual(ignored.summary, { files: 1, objects: 1, violations: 2, errors: 0, suppressionsIgnored: true });
    assert.equal('suppressed' in ignored.files[0].objects[0], false);
  });

  describe('SARIF', () => {
    const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../test/data/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

    it('marks suppressed results as suppressed in source with the justification (§3.35), and stays valid', () => {
      const dir = tempTree({ 'agent.yaml': EXPIRED });
      const r = runCli(['check', '--format', 'sarif', '--level', 'baseline', 'agent.yaml'], { cwd: dir });
      const log: { runs: Array<{ results: unknown[] }> } = JSON.parse(r.stdout);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const results = log.runs[0]?.results as Array<{ ruleId: string; suppressions?: unknown[]; level: string }>;
      const host = results.find((x) => x.ruleId === 'hostNamespaces');
      assert.deepEqual(host?.suppressions, [
        {
          kind: 'inSource',
          justification: 'node agent, reviewed in SEC-12',
          location: { physicalLocation: { artifactLocation: { uri: 'agent.yaml' }, region: sarifRegion(EXPIRED, 1) } },
        },
      ]);
      // The expired one is an ordinary result again; every result says whether it is suppressed.
      assert.deepEqual(results.find((x) => x.ruleId === 'privileged')?.suppressions, []);
      const expired = results.find((x) => x.ruleId === 'suppression-expired');
      assert.equal(expired?.level, 'warning');
      assert.ok(results.every((x) => Array.isArray(x.suppressions)));
    });

    it('--no-suppressions: no result claims to know about suppressions', () => {
      const r = runCli(['check', '--format', 'sarif', '--no-suppressions', '--level', 'baseline', '-'], { input: AGENT });
      const log: { runs: Array<{ results: unknown[] }> } = JSON.parse(r.stdout);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const results = log.runs[0]?.results as Array<{ ruleId: string; suppressions?: unknown[] }>;
      assert.deepEqual(results.map((x) => x.ruleId).sort(), ['hostNamespaces', 'privileged']);
      assert.ok(results.every((x) => !('suppressions' in x)));
    });
  });

  it('--fix leaves suppressed findings alone', () => {
    const text = AGENT.replace('kind: Pod  # podsec-ignore hostNamespaces until=2999-12-31 -- node agent, reviewed in SEC-12', 'kind: Pod');
    const dir = tempTree({ 'agent.yaml': text });
    const r = runCli(['check', '--fix-dry-run', '--level', 'baseline', 'agent.yaml'], { cwd: dir });
    assert.match(r.stdout, /hostNetwork/);
    assert.doesNotMatch(r.stdout, /privileged/);
  });
});
