import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../shared/src/evaluate/pod';
import { effectiveMinor, variantAt } from '../../shared/src/checks/registry';
import { parseVersion } from '../../shared/src/policy/levelVersion';
import type { CheckDefinition } from '../../shared/src/checks/types';
import { extractWorkload, objectMeta } from '../../shared/src/workloads/extract';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { DocContext } from '../../shared/src/yaml/view';
import { stripMarkers } from './markers';
import { inMultiDocument, wrapPod, WRAPPABLE_KINDS } from './wrap';

export interface ValidCase {
  /** Pod body: top-level `spec:` (and optionally `metadata:`), as in a Pod manifest. */
  readonly yaml: string;
  /** Versions to evaluate at (`v1.N` or `latest`); default `latest`. */
  readonly versions?: readonly string[];
  readonly name?: string;
}

export interface InvalidCase extends ValidCase {
  /** PSA's ForbiddenDetail, exactly. Findings must sit exactly on the `⟦…⟧` markers. */
  readonly detail: string;
  /** Defaults to the check's reason. */
  readonly reason?: string;
  /** The messageIds of the findings, in text order, when the case wants to pin them. */
  readonly messageIds?: readonly string[];
}

export interface CheckCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

let collector: Array<{ check: CheckDefinition; cases: CheckCases }> | undefined;

/**
 * Loads every check's table of cases without registering its tests, for tests that run over the
 * whole corpus (the fix property test). `load` requires the check test modules.
 */
export function collectCheckCases(load: () => void): Array<{ check: CheckDefinition; cases: CheckCases }> {
  collector = [];
  try {
    load();
    return collector;
  } finally {
    collector = undefined;
  }
}

/**
 * Runs a check's table of cases (ESLint RuleTester's shape, PSA's check tests' content) in every
 * kind with a pod template, alone and inside a multi-document file.
 */
export function testCheck(check: CheckDefinition, cases: CheckCases): void {
  if (collector) {
    collector.push({ check, cases });
    return;
  }
  describe(check.id, () => {
    for (const [i, c] of cases.valid.entries()) {
      for (const version of c.versions ?? ['latest']) {
        it(`valid #${i}${c.name ? ` (${c.name})` : ''} at ${version}`, () => {
          for (const text of variants(c.yaml)) {
            const { result } = run(check, text, version);
            assert.equal(result, undefined, `expected allowed in:\n${text}\ngot: ${result?.detail}`);
          }
        });
      }
    }
    for (const [i, c] of cases.invalid.entries()) {
      for (const version of c.versions ?? ['latest']) {
        it(`invalid #${i}${c.name ? ` (${c.name})` : ''} at ${version}`, () => {
          for (const marked of variants(c.yaml)) {
            const { result, ranges, text } = run(check, marked, version);
            assert.ok(result, `expected forbidden in:\n${text}`);
            assert.equal(result.reason, c.reason ?? check.reason);
            assert.equal(result.detail, c.detail);
            const got = result.findings.map((f) => [f.range[0], f.range[1]]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
            assert.deepEqual(got.map((r) => slice(text, r)), ranges.map((r) => slice(text, r)), 'finding ranges (as text)');
            assert.deepEqual(got, ranges, 'finding ranges');
            if (c.messageIds) {
              const ids = [...result.findings].sort((a, b) => a.range[0] - b.range[0]).map((f) => f.messageId);
              assert.deepEqual(ids, c.messageIds);
            }
            for (const f of result.findings) assert.doesNotMatch(f.message, /\{\{/, `unfilled placeholder in ${f.message}`);
          }
        });
      }
    }
  });
}

function variants(body: string): string[] {
  const docs = WRAPPABLE_KINDS.map((kind) => wrapPod(body, kind));
  return [...docs, ...docs.map(inMultiDocument)];
}

function run(check: CheckDefinition, marked: string, version: string) {
  const { text, ranges } = stripMarkers(marked);
  const parsedVersion = parseVersion(version);
  assert.ok(parsedVersion, `bad version in test: ${version}`);
  const minor = effectiveMinor(parsedVersion);
  const docs = parseDocuments(text);
  const workloads = docs.flatMap((d) => {
    assert.deepEqual(d.errors, [], `syntax errors in test text:\n${text}`);
    const meta = objectMeta(d, new DocContext(d.doc));
    const w = meta && extractWorkload(meta);
    return w ? [w] : [];
  });
  assert.equal(workloads.length, 1, 'exactly one workload per case');
  const pod = workloads[0]?.pod;
  assert.ok(pod);
  const variant = variantAt(check, minor);
  const result = variant ? runCheck({ check, variant }, pod, minor) : undefined;
  return { result, ranges, text };
}

function slice(text: string, r: readonly number[]): string {
  return text.slice(r[0], r[1]);
}
