import type { Violation } from '../evaluate/evaluate';
import { renderFix, StyleCache } from '../fix/render';
import type { Fix } from '../fix/types';
import type { CheckedFile } from './report';

/**
 * The fixes of each violation of a file, as text edits on the file's text, in the order the check
 * offers them; a plan that cannot be rendered safely is left out. Formatters that carry fixes
 * (JSON, SARIF) make one per file, so the fixes of a document share its detected style.
 */
export class FileFixes {
  private readonly styles = new StyleCache();

  constructor(private readonly file: CheckedFile) {}

  of(violation: Violation): Fix[] {
    const out: Fix[] = [];
    for (const plan of violation.fixes) {
      const fix = renderFix(plan, this.file.text, this.styles);
      if (fix) out.push(fix);
    }
    return out;
  }
}
