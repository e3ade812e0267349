import { parseAllDocuments, type Document } from 'yaml';
import { PARSE_OPTIONS } from '../yaml/parse';
import { applyEdits } from './apply';
import { appendEdits, removeEdits, setEdits, type EditContext } from './edits';
import { expectedData, sameData } from './expected';
import { detectStyle, type TextStyle } from './style';
import type { Fix, FixPlan, TextEdit } from './types';

/** Alias expansion allowed while checking a fix; a document over this is not fixed. */
const MAX_ALIASES = 1000;

/**
 * Turns a plan into text edits on `text` (the whole file the plan's views were parsed from), or
 * undefined when the change cannot be made safely. Every fix is proven before it is offered: the
 * edited document must parse without errors to exactly the data the plan describes, so a fix
 * never changes anything it does not mean to, whatever the edits' arithmetic got wrong.
 */
export function renderFix(plan: FixPlan, text: string, styles = new StyleCache()): Fix | undefined {
  const doc = plan.ops[0]?.target.ctx.doc;
  if (!doc || plan.ops.some((op) => op.target.ctx.doc !== doc)) return undefined;
  const cx: EditContext = { text, style: styles.get(text, doc) };
  const edits: TextEdit[] = [];
  const removals = plan.ops.flatMap((op) => (op.op === 'remove' ? [op.target] : []));
  for (const op of plan.ops) {
    if (op.op === 'remove') continue;
    const more = op.op === 'set' ? setEdits(cx, op.target, op.value) : appendEdits(cx, op.target, op.value);
    if (!more) return undefined;
    edits.push(...more);
  }
  if (removals.length > 0) {
    const more = removeEdits(cx, removals);
    if (!more) return undefined;
    edits.push(...more);
  }
  if (edits.length === 0 || !proves(text, doc, edits, plan)) return undefined;
  return { id: plan.id, title: plan.title, edits, safe: plan.safe, isPreferred: plan.isPreferred };
}

/** Detecting style walks the document; the fixes of one document share the result. */
export class StyleCache {
  private readonly styles = new Map<Document.Parsed, TextStyle>();

  get(text: string, doc: Document.Parsed): TextStyle {
    let style = this.styles.get(doc);
    if (!style) {
      style = detectStyle(text, doc);
      this.styles.set(doc, style);
    }
    return style;
  }
}

function proves(text: string, doc: Document.Parsed, edits: readonly TextEdit[], plan: FixPlan): boolean {
  const [start, , end] = doc.range;
  if (edits.some((e) => e.range[0] < start || e.range[1] > end)) return false;
  const slice = text.slice(start, end);
  const shifted = edits.map((e) => ({ range: [e.range[0] - start, e.range[1] - start] as const, newText: e.newText }));
  const edited = applyEdits(slice, shifted);
  if (edited === undefined) return false;
  try {
    const before = parseAllDocuments(slice, PARSE_OPTIONS);
    const after = parseAllDocuments(edited, PARSE_OPTIONS);
    if (!Array.isArray(before) || !Array.isArray(after) || before.length !== 1 || after.length !== 1) return false;
    const [b] = before;
    const [a] = after;
    if (!a || !b || a.errors.length > 0 || b.errors.length > 0) return false;
    const expected = expectedData(b.toJS({ maxAliasCount: MAX_ALIASES }), plan.ops);
    return expected !== undefined && sameData(expected, a.toJS({ maxAliasCount: MAX_ALIASES }));
  } catch {
    return false;
  }
}
