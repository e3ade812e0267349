import { ALL_CHECKS } from '../../checks/index';
import { checkDocUrl, DOCS_BASE_URL } from '../../checks/docs';
import type { ObjectResult, Violation } from '../../evaluate/evaluate';
import type { Fix } from '../../fix/types';
import type { Mode } from '../../policy/policy';
import type { Problem, Range } from '../../yaml/range';
import { FileFixes } from '../fixes';
import type { CheckedFile } from '../report';

const LEVEL: Record<Mode, 'error' | 'warning' | 'note'> = { enforce: 'error', warn: 'warning', audit: 'note' };

const PROBLEM_RULES: Record<string, string> = {
  'yaml-syntax': 'The file is not valid YAML, so its objects were not evaluated.',
  'type-mismatch': 'A field has a type Kubernetes cannot decode; the API server rejects the object.',
  'read-error': 'The file could not be read.',
  'fix-error': 'podsec check --fix could not safely rewrite the file; it was left as it was.',
  'fix-skipped': 'podsec check --fix left the file alone because it does not parse as YAML.',
  'duplicate-key': 'A map has the same key twice; the API server rejects the object.',
  'too-deep': 'Collections nest too deeply; the document was not evaluated.',
  'bad-alias': 'An alias names no anchor before it, or the node it is in; Kubernetes cannot decode the document, which was not evaluated.',
  'excessive-aliasing': 'Aliases expand to too many nodes (an alias bomb); Kubernetes refuses the document, which was not evaluated.',
  'control-characters': 'The text holds characters YAML does not allow (a binary file?); the document was not evaluated.',
  'helm-template': 'The file is a Helm template that is not YAML until rendered; it was not evaluated.',
  'file-too-large': 'The file is larger than --max-file-size; it was not read or evaluated.',
  'suppression-no-reason': 'A # podsec-ignore comment gives no reason after " -- ".',
  'suppression-no-check': 'A # podsec-ignore comment names no check.',
  'suppression-unknown-check': 'A # podsec-ignore comment names a check that does not exist.',
  'suppression-unused': 'A # podsec-ignore comment names a check with no finding where it applies.',
  'suppression-expired': 'A # podsec-ignore comment is past its until= date; the findings it hid are reported again.',
  'suppression-bad-date': 'A # podsec-ignore comment has an until= value that is not a date; it suppresses nothing.',
  'suppression-misplaced': 'A # podsec-ignore comment is not above a field, at the end of a field\'s line or on the kind: line; it applies to nothing.',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check (with help and a documentation link)
 * plus rules for input problems, and one result per finding with a precise region and the fixes
 * that render on the file (SARIF §3.55), in the regions' convention.
 */
export function formatSarif(files: readonly CheckedFile[], toolVersion: string, suppressionsIgnored = false): string {
  const rules = [
    ...ALL_CHECKS.map((c) => ({
      id: c.id,
      name: c.id,
      shortDescription: { text: c.title },
      fullDescription: { text: `${c.title}: Pod Security Standards ${c.level} check (reason "${c.reason}").` },
      helpUri: checkDocUrl(c.id),
      help: {
        text: `${c.title}. Violations are reported by Pod Security Admission as "${c.reason}". See ${checkDocUrl(c.id)}`,
        markdown: `**${c.title}** (${c.level}). Pod Security Admission reports violations as \`${c.reason}\`. [Documentation](${checkDocUrl(c.id)})`,
      },
      properties: { tags: ['security', 'kubernetes', 'pod-security', c.level] },
    })),
    ...Object.entries(PROBLEM_RULES).map(([id, text]) => ({ id, name: id, shortDescription: { text }, help: { text } })),
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // SARIF §3.27.23: an empty array says the tool looked and found no suppression; absent, that it
  // did not look, which is what --no-suppressions means.
  const none = suppressionsIgnored ? {} : { suppressions: [] };
  const results: unknown[] = [];
  for (const file of files) {
    const uri = file.path === '-' ? 'stdin' : file.path.split('\\').join('/');
    const fixes = new FileFixes(file);
    for (const o of file.result.objects) {
      for (const v of o.violations) {
        const rendered = fixes.of(v);
        results.push({
          ...violationResult(v, o, file, uri, ruleIndex),
          ...(rendered.length > 0 ? { fixes: rendered.map((f) => sarifFix(f, file, uri)) } : {}),
          ...none,
        });
      }
      // Suppressed findings are reported as such, with their justification, and without fixes.
      for (const v of o.suppressed) {
        const suppression = { kind: 'inSource', ...(v.suppression.reason ? { justification: v.suppression.reason } : {}), location: location(file, uri, v.suppression.range) };
        results.push({ ...violationResult(v, o, file, uri, ruleIndex), suppressions: [suppression] });
      }
    }
    for (const p of [...file.ioProblems, ...file.result.problems]) results.push({ ...problemResult(p, file, uri, ruleIndex), ...none });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'podsec', version: toolVersion, informationUri: DOCS_BASE_URL, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function violationResult(v: Violation, o: ObjectResult, file: CheckedFile, uri: string, ruleIndex: Map<string, number>) {
  return {
    ruleId: v.checkId,
    ruleIndex: ruleIndex.get(v.checkId),
    level: LEVEL[v.mode],
    message: { text: `${v.reason}: ${v.message} (${v.mode} ${v.pair})` },
    locations: [location(file, uri, v.range)],
    properties: { mode: v.mode, policy: v.pair, detail: v.detail, object: `${o.kind}/${o.name ?? ''}`, documentIndex: o.docIndex },
  };
}

function problemResult(p: Problem, file: CheckedFile, uri: string, ruleIndex: Map<string, number>) {
  const id = PROBLEM_RULES[p.code] ? p.code : 'yaml-syntax';
  return {
    ruleId: id,
    ruleIndex: ruleIndex.get(id),
    level: p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'note',
    message: { text: p.message },
    locations: [location(file, uri, p.range)],
  };
}

/**
 * An empty deleted region is an insertion point; a replacement without inserted content is a
 * deletion (§3.57). Regions refer to the file before the fix; listing them from the end of the
 * file backwards keeps them right for a consumer that applies them one after another.
 */
function sarifFix(fix: Fix, file: CheckedFile, uri: string) {
  const edits = [...fix.edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri },
        replacements: edits.map((e) => ({
          deletedRegion: region(file, e.range),
          ...(e.newText === '' ? {} : { insertedContent: { text: e.newText } }),
        })),
      },
    ],
    properties: { safe: fix.safe, preferred: fix.isPreferred },
  };
}

function location(file: CheckedFile, uri: string, range: Range) {
  return { physicalLocation: { artifactLocation: { uri }, region: region(file, range) } };
}

function region(file: CheckedFile, range: Range) {
  const { start, end } = file.lines.range(range);
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    charOffset: range[0],
    charLength: range[1] - range[0],
  };
}
