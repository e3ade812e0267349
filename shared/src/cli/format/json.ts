import type { SuppressedViolation, Violation } from '../../evaluate/evaluate';
import { renderLevelVersion } from '../../policy/levelVersion';
import type { Fix } from '../../fix/types';
import type { Problem } from '../../yaml/range';
import { FileFixes } from '../fixes';
import { fileErrors, summarize, type CheckedFile } from '../report';
import type { LineIndex } from '../lines';

/**
 * The JSON report: a stable contract other tools parse (version 1). Fields may be added, never
 * renamed. Positions are 0-based lines and UTF-16 characters, as in LSP. With `--fixes`, each
 * violation lists the fixes that render on the file as it is, safe or not (`--fix` applies the
 * safe, preferred ones); proving each costs a parse of its document, so it is asked for.
 */
export function formatJson(files: readonly CheckedFile[], withFixes = false, suppressionsIgnored = false): string {
  const summary = summarize(files);
  const report = {
    version: 1,
    files: files.map((file) => fileJson(file, withFixes)),
    summary: {
      files: summary.files,
      objects: summary.objects,
      violations: summary.violations,
      // Every error listed, invalid Namespace labels included.
      errors: summary.errors + summary.invalidLabels,
      // Present only when there is something to say, so reports without suppressions keep their shape.
      ...(summary.suppressed > 0 ? { suppressed: summary.suppressed } : {}),
      ...(suppressionsIgnored ? { suppressionsIgnored: true } : {}),
    },
  };
  return JSON.stringify(report) + '\n';
}

function fileJson(file: CheckedFile, withFixes: boolean) {
  const fixes = new FileFixes(file);
  return {
    path: file.path,
    objects: file.result.objects.map((o) => ({
      documentIndex: o.docIndex,
      apiVersion: o.apiVersion ?? null,
      kind: o.kind,
      name: o.name ?? null,
      namespace: o.namespace ?? null,
      allowed: o.allowed,
      message: o.message,
      range: file.lines.range(o.kindRange),
      policy: {
        enforce: renderLevelVersion(o.policy.enforce),
        warn: renderLevelVersion(o.policy.warn),
        audit: renderLevelVersion(o.policy.audit),
      },
      exemption: o.policy.exemption ?? null,
      // Only on custom resources, whose results are about the pods their controller creates.
      ...(o.customResource ? { podTemplate: { path: o.customResource.path, source: o.customResource.source, found: o.customResource.found } } : {}),
      messages: Object.fromEntries(o.modes.filter((m) => m.message).map((m) => [m.mode, m.message])),
      violations: o.violations.map((v) => ({
        ...violationJson(v, file.lines),
        ...(withFixes ? { fixes: fixes.of(v).map((f) => fixJson(f, file.lines)) } : {}),
      })),
      ...(o.suppressed.length > 0 ? { suppressed: o.suppressed.map((v) => suppressedJson(v, file.lines)) } : {}),
    })),
    errors: fileErrors(file).map((p) => problemJson(p, file.lines)),
    notes: [...file.ioProblems, ...file.result.problems].filter((p) => p.severity !== 'error').map((p) => problemJson(p, file.lines)),
  };
}

/** A violation's fields, shown or suppressed alike. */
function violationJson(v: Violation, lines: LineIndex) {
  return { check: v.checkId, level: v.level, mode: v.mode, policy: v.pair, reason: v.reason, detail: v.detail, message: v.message, range: lines.range(v.range) };
}

/** A finding a `# podsec-ignore` comment hides: the violation's fields, and the comment's. */
function suppressedJson(v: SuppressedViolation, lines: LineIndex) {
  return {
    ...violationJson(v, lines),
    suppression: {
      justification: v.suppression.reason,
      until: v.suppression.until ?? null,
      scope: v.suppression.scope,
      range: lines.range(v.suppression.range),
    },
  };
}

function fixJson(fix: Fix, lines: LineIndex) {
  return { title: fix.title, safe: fix.safe, preferred: fix.isPreferred, edits: fix.edits.map((e) => ({ range: lines.range(e.range), newText: e.newText })) };
}

function problemJson(p: Problem, lines: LineIndex) {
  return { message: p.message, code: p.code, range: lines.range(p.range) };
}
