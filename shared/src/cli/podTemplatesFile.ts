import { parsePodTemplateRules, type PodTemplateRule } from '../workloads/podTemplateRules';
import { parseDocuments } from '../yaml/parse';
import { collectInputs } from './files';
import { LineIndex } from './lines';

/**
 * Reads `--pod-templates FILE`: the same list as the `podsec.podTemplates` setting, in JSON or
 * YAML. Unlike the editor, which reports a bad entry and goes on, the CLI refuses the whole file:
 * a CI run must not pass because one rule was silently left out.
 */
export function loadPodTemplates(path: string, maxFileSize: number): { rules: PodTemplateRule[] } | { errors: string[] } {
  const inputs = collectInputs([path], () => Buffer.alloc(0), maxFileSize);
  const [input] = inputs;
  if (!input || inputs.length !== 1 || input.path !== path) return { errors: [`${path} is not a file`] };
  if ('error' in input) return { errors: [input.code ? input.error : `cannot read ${path}: ${input.error}`] };
  const documents = parseDocuments(input.text).filter((d) => d.doc.contents !== null || d.errors.length > 0);
  const expected = 'one JSON or YAML list of { "apiVersion", "kind", "path" } entries';
  if (documents.length !== 1) return { errors: [`${path} must hold ${expected}, ${documents.length === 0 ? 'and is empty' : `not ${documents.length} documents`}`] };
  const [only] = documents;
  if (!only) return { errors: [] };
  const lines = new LineIndex(input.text);
  const problems = [...only.errors, ...only.problems];
  if (problems.length > 0) {
    return {
      errors: problems.map((p) => {
        const { line, character } = lines.position(p.range[0]);
        return `${path}:${line + 1}:${character + 1}: ${p.message}`;
      }),
    };
  }
  let value: unknown;
  try {
    value = only.doc.toJS();
  } catch (e) {
    return { errors: [`${path}: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!Array.isArray(value)) return { errors: [`${path} must hold ${expected}`] };
  const { rules, problems: invalid } = parsePodTemplateRules(value, path);
  return invalid.length > 0 ? { errors: invalid } : { rules };
}
