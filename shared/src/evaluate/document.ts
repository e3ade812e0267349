import { effectiveMinor } from '../checks/registry';
import { renderLevelVersion, type Level } from '../policy/levelVersion';
import { MODES, type Mode } from '../policy/policy';
import { extractWorkload, objectMeta } from '../workloads/extract';
import type { ParsedDocument } from '../yaml/parse';
import type { Problem } from '../yaml/range';
import { DocContext } from '../yaml/view';
import type { EvaluateOptions, EvaluationResult, ModeResult, ObjectResult, Violation } from './evaluate';
import { checkFamily } from './family';
import type { CheckResult } from './finding';
import { rejectionMessage, violatesMessage, warningMessage } from './messages';
import { evaluatePod } from './pod';
import { applySuppressions, type SuppressionOutcome } from './suppressions';
import { namespaceLabelProblems } from '../whatif/namespaceLabels';

/**
 * Evaluates a file already parsed; the language server keeps the parsed documents so fixes can
 * re-evaluate or slice one document without parsing the whole file again.
 */
export function evaluateDocuments(documents: readonly ParsedDocument[], options: EvaluateOptions, text: string): EvaluationResult {
  const objects: ObjectResult[] = [];
  const problems: Problem[] = [];
  for (const parsed of documents) {
    const result = evaluateDocument(parsed, options, text);
    problems.push(...result.problems);
    if (result.object) objects.push(result.object);
  }
  problems.sort((a, b) => a.range[0] - b.range[0]);
  return { objects, problems, documentCount: documents.length };
}

/**
 * Evaluates one parsed document; exposed so callers can cache per document. `text` is the file
 * the document was parsed from (a document parsed on its own reads its `source` instead): the
 * `# podsec-ignore` comments are read from it.
 */
export function evaluateDocument(parsed: ParsedDocument, options: EvaluateOptions, text: string): { object?: ObjectResult; problems: Problem[] } {
  if (parsed.errors.length > 0) return { problems: [...parsed.errors] };
  const ctx = new DocContext(parsed.doc, parsed.source, parsed.base);
  const meta = objectMeta(parsed, ctx);
  const workload = meta && extractWorkload(meta, options.podTemplates);
  // A Namespace with invalid PSA labels is rejected by the API server (admission §8.3).
  if (!meta || !workload) return { problems: meta ? [...parsed.problems, ...namespaceLabelProblems(meta)] : [...parsed.problems] };
  const runtimeClassName = workload.pod?.spec.get('runtimeClassName').str();
  const policy = typeof options.policy === 'function' ? options.policy({ ...meta, runtimeClassName }) : options.policy;
  const custom = workload.workloadKind.customResource;
  const base = {
    docIndex: parsed.index,
    apiVersion: meta.apiVersion,
    kind: workload.workloadKind.kind,
    name: meta.name,
    namespace: meta.namespace,
    kindRange: meta.kindRange,
    isPod: workload.workloadKind.isPod,
    ...(custom ? { customResource: { ...custom, found: workload.pod !== undefined } } : {}),
    policy,
  };
  const pod = workload.pod;
  if (!pod || policy.exemption) {
    const outcome = suppress([], parsed, text, options);
    const object = { ...base, modes: [], allowed: true, message: null, violations: [], suppressed: [], levels: { satisfies: 'restricted', baseline: 0, restricted: 0 } } as const;
    return { object, problems: [...parsed.problems, ...ctx.problems, ...outcome.problems] };
  }
  const byPair = new Map<string, CheckResult[]>();
  const resultsAt = (level: Level, minor: number): CheckResult[] => {
    const key = `${level}:${minor}`;
    let results = byPair.get(key);
    if (!results) {
      results = evaluatePod(pod, level, minor);
      byPair.set(key, results);
    }
    return results;
  };
  const modes = MODES.map((mode): ModeResult => {
    const levelVersion = policy[mode];
    const results = resultsAt(levelVersion.level, effectiveMinor(levelVersion.version, options.cap));
    const pair = renderLevelVersion(levelVersion);
    return { mode, levelVersion, pair, results, message: modeMessage(mode, workload.workloadKind.isPod, meta.name, pair, results) };
  });
  const allowed = modes[0]?.results.length === 0;
  const message = (allowed ? modes[1]?.message : modes[0]?.message) ?? null;
  const enforceMinor = effectiveMinor(policy.enforce.version, options.cap);
  const count = (level: Level) => resultsAt(level, enforceMinor).reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const baseline = count('baseline');
  const restricted = count('restricted');
  const levels = { satisfies: restricted === 0 ? 'restricted' : baseline === 0 ? 'baseline' : 'privileged', baseline, restricted } as const;
  const outcome = suppress(dedupe(modes), parsed, text, options);
  const object = { ...base, modes, allowed, message, violations: outcome.shown, suppressed: outcome.suppressed, levels };
  return { object, problems: [...parsed.problems, ...ctx.problems, ...outcome.problems] };
}

function suppress(violations: Violation[], parsed: ParsedDocument, text: string, options: EvaluateOptions): SuppressionOutcome {
  if (options.ignoreSuppressions) return { shown: violations, suppressed: [], problems: [] };
  if (parsed.source !== undefined) return applySuppressions(violations, parsed.doc, parsed.source, [0, parsed.source.length], options.today);
  // Parsed with the whole file: the first document's range starts at its first node, after any
  // comment lines above it, which belong to it as they do when it is parsed alone.
  const span = [parsed.index === 0 ? 0 : parsed.range[0], parsed.range[1]] as const;
  return applySuppressions(violations, parsed.doc, text, span, options.today);
}

function modeMessage(mode: Mode, isPod: boolean, name: string | undefined, pair: string, results: readonly CheckResult[]): string | undefined {
  if (results.length === 0) return undefined;
  if (mode !== 'enforce') return warningMessage(pair, results);
  return isPod ? rejectionMessage(name, pair, results) : violatesMessage(pair, results);
}

/**
 * One violation per problem: the same check family at the same range is shown once, at the
 * strictest mode. A restricted check and the baseline check it overrides are one family.
 */
function dedupe(modes: readonly ModeResult[]): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const mode of modes) {
    for (const result of mode.results) {
      for (const finding of result.findings) {
        const key = `${checkFamily(finding.checkId)}|${finding.range[0]}|${finding.range[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ ...finding, mode: mode.mode, reason: result.reason, detail: result.detail, pair: mode.pair });
      }
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0] || MODES.indexOf(a.mode) - MODES.indexOf(b.mode));
}

