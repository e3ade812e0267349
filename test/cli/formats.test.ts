import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runCli, tempTree } from '../support/cli';
import { BASELINE_DEPLOYMENT, BROKEN, PRIVILEGED_POD, WEB } from './manifests';

describe('--format json', () => {
  it('lists fixes only when asked with --fixes (each costs a parse of its document)', () => {
    const plain = JSON.parse(runCli(['check', '--format', 'json', '--level', 'baseline', '-'], { input: PRIVILEGED_POD }).stdout);
    const violation = plain.files[0].objects[0].violations[0];
    assert.equal(violation.check, 'privileged');
    assert.equal('fixes' in violation, false);
    const asked = JSON.parse(runCli(['check', '--format', 'json', '--fixes', '--level', 'baseline', '-'], { input: PRIVILEGED_POD }).stdout);
    assert.ok(asked.files[0].objects[0].violations[0].fixes.length > 0);
    const wrong = runCli(['check', '--fixes', '--level', 'baseline', '-'], { input: PRIVILEGED_POD });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--fixes goes with --format json/);
  });

  it('has the documented shape, 0-based positions and UTF-16 characters', () => {
    const r = runCli(['check', '--format', 'json', '--fixes', '--level', 'baseline', '-'], { input: PRIVILEGED_POD });
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.summary, { files: 1, objects: 1, violations: 1, errors: 0 });
    const [file] = report.files;
    assert.equal(file.path, '-');
    assert.deepEqual(file.errors, []);
    const [object] = file.objects;
    assert.deepEqual(
      { documentIndex: object.documentIndex, apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace, allowed: object.allowed },
      { documentIndex: 0, apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: null, allowed: false },
    );
    assert.equal(object.message, 'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)');
    assert.deepEqual(object.violations, [
      {
        check: 'privileged',
        level: 'baseline',
        mode: 'enforce',
        policy: 'baseline:latest',
        reason: 'privileged',
        detail: 'container "web" must not set securityContext.privileged=true',
        message: 'container "web" must not set securityContext.privileged=true',
        range: { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } },
        fixes: [
          {
            title: 'Set privileged: false in container "web"',
            safe: true,
            preferred: true,
            edits: [{ range: { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }, newText: 'false' }],
          },
          {
            title: 'Remove privileged: true in container "web"',
            safe: true,
            preferred: false,
            edits: [{ range: { start: { line: 8, character: 20 }, end: { line: 9, character: 22 } }, newText: ' {}' }],
          },
        ],
      },
    ]);
  });

  it('reports controllers with the warning text and the enforce verdict their pods will get', () => {
    const r = runCli(['check', '--format', 'json', '-'], { input: BASELINE_DEPLOYMENT });
    assert.equal(r.status, 0);
    const object = JSON.parse(r.stdout).files[0].objects[0];
    assert.equal(object.allowed, true);
    assert.equal(object.namespace, 'shop');
    assert.match(object.message, /^would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "app" must set/);
    assert.ok(object.violations.every((v: { mode: string }) => v.mode === 'warn'));
  });

  it('lists syntax errors with ranges and counts them', () => {
    const r = runCli(['check', '--format', 'json', '-'], { input: BROKEN });
    assert.equal(r.status, 2);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.errors, report.files[0].errors.length);
    assert.ok(report.files[0].errors.length >= 1);
    assert.equal(typeof report.files[0].errors[0].range.start.line, 'number');
  });
});

describe('--format text', () => {
  it('prints path:line:col: severity: message [check] and a summary, without colour off a TTY', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    const r = runCli(['check', join(dir, 'pod.yaml')]);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.includes(`${join(dir, 'pod.yaml')}:10:19: error: privileged: container "web" must not set securityContext.privileged=true (enforce baseline:latest) [privileged]`), r.stdout);
    assert.match(lines.at(-1) ?? '', /^✗ 1 workload in 1 file, 1 rejected by enforce, \d+ violations$/);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });

  it('colours with --color', () => {
    assert.match(runCli(['check', '--color', '-'], { input: PRIVILEGED_POD }).stdout, /\u001b\[31merror/);
  });
});

describe('--format sarif', () => {
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../test/data/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

  it('is valid SARIF 2.1.0 with one rule per check and precise regions', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD, 'broken.yaml': BROKEN, 'deploy.yml': BASELINE_DEPLOYMENT });
    const r = runCli(['check', '--format', 'sarif', dir]);
    const log = JSON.parse(r.stdout);
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    const ruleIds: string[] = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const id of ['privileged', 'runAsNonRoot']) assert.ok(ruleIds.includes(id));
    for (const rule of run.tool.driver.rules.filter((x: { helpUri?: string }) => x.helpUri)) assert.match(rule.helpUri, /docs\/checks\/.+\.md$/);
    const privileged = run.results.find((x: { ruleId: string }) => x.ruleId === 'privileged');
    assert.equal(privileged.level, 'error');
    assert.equal(ruleIds[privileged.ruleIndex], 'privileged');
    assert.deepEqual(privileged.locations[0].physicalLocation.region, { startLine: 10, startColumn: 19, endLine: 10, endColumn: 23, charOffset: PRIVILEGED_POD.indexOf('true'), charLength: 4 });
    assert.ok(run.results.some((x: { ruleId: string; level: string }) => x.ruleId === 'yaml-syntax' && x.level === 'error'));
    assert.ok(run.results.some((x: { level: string }) => x.level === 'warning'));
  });

  it('carries the fixes of each result (§3.55), valid, with regions in the results\' convention', () => {
    const dir = tempTree({ 'web.yaml': WEB });
    const r = runCli(['check', '--format', 'sarif', '--level', 'restricted', 'web.yaml'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const results: SarifResult[] = log.runs[0].results;
    const privileged = results.find((x) => x.ruleId === 'privileged');
    assert.deepEqual(privileged?.fixes?.[0], {
      description: { text: 'Set privileged: false in container "web"' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'web.yaml' },
          replacements: [{ deletedRegion: { startLine: 14, startColumn: 25, endLine: 14, endColumn: 29, charOffset: WEB.indexOf('true   # legacy'), charLength: 4 }, insertedContent: { text: 'false' } }],
        },
      ],
      properties: { safe: true, preferred: true },
    });
    // A deletion has no inserted content; an insertion deletes an empty region.
    const netAdmin = results.find((x) => x.message.text.includes('"NET_ADMIN"'))?.fixes?.[0];
    assert.equal(netAdmin?.description.text, 'Remove capability NET_ADMIN in container "web"');
    assert.deepEqual(netAdmin?.artifactChanges[0]?.replacements, [{ deletedRegion: { startLine: 15, startColumn: 28, endLine: 15, endColumn: 44, charOffset: WEB.indexOf('add: [NET_ADMIN]'), charLength: 16 } }]);
    const escalation = results.find((x) => x.ruleId === 'allowPrivilegeEscalation')?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    assert.equal(escalation?.deletedRegion.charLength, 0);
    assert.deepEqual([escalation?.deletedRegion.endLine, escalation?.deletedRegion.endColumn], [escalation?.deletedRegion.startLine, escalation?.deletedRegion.startColumn]);
    // An unsafe fix is offered too, marked so; its two edits are listed from the end backwards.
    const volume = results.find((x) => x.ruleId === 'restrictedVolumes')?.fixes?.[0];
    assert.deepEqual(volume?.properties, { safe: false, preferred: false });
    const offsets = volume?.artifactChanges[0]?.replacements.map((x) => x.deletedRegion.charOffset) ?? [];
    assert.equal(offsets.length, 2);
    assert.ok((offsets[0] ?? 0) > (offsets[1] ?? 0));
    // Every region's line and column point where its character offset does.
    const lineStarts = [0, ...[...WEB.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
    for (const result of results) {
      for (const fix of result.fixes ?? []) {
        for (const { deletedRegion: d } of fix.artifactChanges[0]?.replacements ?? []) {
          assert.equal((lineStarts[d.startLine - 1] ?? NaN) + d.startColumn - 1, d.charOffset);
          assert.equal((lineStarts[d.endLine - 1] ?? NaN) + d.endColumn - 1, d.charOffset + d.charLength);
        }
      }
    }
  });
});

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  fixes?: Array<{
    description: { text: string };
    artifactChanges: Array<{ replacements: Array<{ deletedRegion: SarifRegion; insertedContent?: { text: string } }> }>;
    properties: { safe: boolean; preferred: boolean };
  }>;
}
