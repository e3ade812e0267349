import type { Document } from 'yaml';
import { parseFast } from '../yaml/fast';
import { parseDocuments } from '../yaml/parse';
import { applyEdits, shiftEdits } from './apply';
import { appendEdits, removeEdits, setEdits, type EditContext } from './edits';
import { expectedData, sameData } from './expected';
import { detectStyle, type TextStyle } from './style';
import type { Fix, FixPlan, TextEdit } from './types';

/** Alias expansion allowed while checking a fix; a document over this is not fixed. */
export const MAX_ALIASES = 1000;

/**
 * Turns a plan into text edits on `text` (the whole file the plan's views were parsed from), or
 * undefined when the change cannot be made safely. Every fix is proven before it is offered: the
 * edited document must parse without errors to exactly the data the plan describes, so a fix
 * never changes anything it does not mean to, whatever the edits' arithmetic got wrong.
 */
export function renderFix(plan: FixPlan, text: string, styles = new StyleCache()): Fix | undefined {
  const ctx = plan.ops[0]?.target.ctx;
  if (!ctx || plan.ops.some((op) => op.target.ctx !== ctx)) return undefined;
  if (ctx.source === undefined) return renderOn(plan, text, styles);
  // A document parsed on its own: render on its text, then place the edits where it now is. A
  // text that no longer holds it there is another version: no fix rather than a wrong one.
  const { source, base } = ctx;
  if (text.substring(base.offset, base.offset + source.length) !== source) return undefined;
  const fix = renderOn(plan, source, styles);
  if (!fix || base.offset === 0) return fix;
  return { ...fix, edits: shiftEdits(fix.edits, base.offset) };
}

function renderOn(plan: FixPlan, text: string, styles: StyleCache): Fix | undefined {
  const doc = plan.ops[0]?.target.ctx.doc;
  if (!doc) return undefined;
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
  if (edits.length === 0 || !proves(text, doc, edits, plan, styles)) return undefined;
  return { id: plan.id, title: plan.title, edits, safe: plan.safe, isPreferred: plan.isPreferred };
}

/**
 * What the fixes of one document share: its style (detecting it walks the document) and its data
 * before any fix (what each fix's result is compared against).
 */
export class StyleCache {
  private readonly styles = new Map<Document.Parsed, TextStyle>();
  private readonly data = new Map<Document.Parsed, unknown>();

  get(text: string, doc: Document.Parsed): TextStyle {
    let style = this.styles.get(doc);
    if (!style) {
      style = detectStyle(text, doc);
      this.styles.set(doc, style);
    }
    return style;
  }

  /** The document's data; throws on an alias bomb, which the caller treats as "no fix". */
  dataOf(doc: Document.Parsed): unknown {
    if (!this.data.has(doc)) this.data.set(doc, doc.toJS({ maxAliasCount: MAX_ALIASES }));
    return this.data.get(doc);
  }
}

function proves(text: string, doc: Document.Parsed, edits: readonly TextEdit[], plan: FixPlan, cache: StyleCache): boolean {
  const [start, , end] = doc.range;
  if (edits.some((e) => e.range[0] < start || e.range[1] > end)) return false;
  const slice = text.slice(start, end);
  const edited = applyEdits(slice, shiftEdits(edits, -start));
  if (edited === undefined) return false;
  try {
    // Parsed as every document is (yaml/parse.ts): no syntax error, no skipped text, no alias
    // trouble, and no key written twice, where the data would depend on which copy counts. The
    // fast parser gives the reference parser's nodes where it reads the text at all
    // (yaml/fast.ts, held to that by test/engine/fastParse.test.ts), in a fraction of the time.
    const fast = parseFast(edited);
    const after = fast ? [fast] : parseDocuments(edited);
    if (after.length !== 1) return false;
    const [a] = after;
    if (!a || a.errors.length > 0 || a.problems.length > 0 || doc.errors.length > 0) return false;
    const expected = expectedData(cache.dataOf(doc), plan.ops);
    return expected !== undefined && sameData(expected, a.doc.toJS({ maxAliasCount: MAX_ALIASES }));
  } catch {
    return false;
  }
}
