import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Violation } from '../../../shared/src/evaluate/evaluate';
import type { Analyzed } from '../analysis';
import { fixAction, SOURCE, type EditSupport } from '../convert';

/**
 * The fixes of the podsec diagnostics an editor sends with a code action request, found by check
 * and range among this version's findings. A diagnostic published for an older version matches
 * nothing and gets no fix: its edits would land in the wrong place. Only these diagnostics'
 * fixes are rendered, so a request costs what its diagnostics cost, whatever the file's size.
 */
export function quickFixes(doc: TextDocument, analyzed: Analyzed, diagnostics: readonly Diagnostic[], support: EditSupport): CodeAction[] {
  // One action per fix: a fix shared by two findings resolves both diagnostics.
  const actions = new Map<string, CodeAction>();
  for (const diagnostic of diagnostics) {
    const violation = violationOf(doc, analyzed, diagnostic);
    for (const plan of violation?.fixes ?? []) {
      const fix = analyzed.render(plan);
      if (!fix) continue;
      const same = actions.get(fix.id);
      if (same) same.diagnostics?.push(diagnostic);
      else actions.set(fix.id, fixAction(doc, fix, [diagnostic], support));
    }
  }
  return [...actions.values()];
}

/** The finding behind one of our diagnostics in this version, if it is still there. */
function violationOf(doc: TextDocument, analyzed: Analyzed, diagnostic: Diagnostic): Violation | undefined {
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  // Only the documents at the diagnostic's start can hold it: a request costs one document.
  for (const object of analyzed.placement.objectsAt(start)) {
    const found = object.violations.find((v) => v.checkId === diagnostic.code && v.range[0] === start && v.range[1] === end);
    if (found) return found;
  }
  return undefined;
}
