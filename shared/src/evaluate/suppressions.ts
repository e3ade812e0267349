import type { Document } from 'yaml';
import type { Problem, Range } from '../yaml/range';
import type { Violation } from './evaluate';
import { checkFamily } from './family';
import { placeDirectives, type PlacedDirective } from './suppressionPlacement';
import { warning } from './suppressionSyntax';

/** The `# podsec-ignore` comment that hid a finding: what formats report about it. */
export interface Suppression {
  /** The comment, from `#` to the end of its text. */
  readonly range: Range;
  /** The justification after ` -- `; empty when the comment gives none (it is warned about). */
  readonly reason: string;
  /** `YYYY-MM-DD` when the comment has `until=`: it suppresses through that day. */
  readonly until: string | undefined;
  /** The whole object (the `kind:` line), or the field below or on the comment's line. */
  readonly scope: 'object' | 'field';
}

/** A finding hidden by a suppression: not shown, not counted, not fixed, but kept for reports. */
export interface SuppressedViolation extends Violation {
  readonly suppression: Suppression;
}

export interface SuppressionOutcome {
  readonly shown: Violation[];
  readonly suppressed: SuppressedViolation[];
  /** Warnings about the comments themselves, at the narrowest range (an ID, a date, the comment). */
  readonly problems: Problem[];
}

/**
 * Splits one object's violations into shown and suppressed by the document's `# podsec-ignore`
 * comments (placement rules: suppressionPlacement.ts). A comment whose `until=` date is before
 * `today` suppresses nothing and says that it expired; each check a comment names that hides no
 * finding is warned about. Suppressions never change PSA's verdict or message: only what is shown.
 */
export function applySuppressions(violations: readonly Violation[], doc: Document.Parsed, text: string, span: Range, today: string | undefined): SuppressionOutcome {
  const directives = placeDirectives(doc, text, span[0], span[1]);
  if (directives.length === 0) return { shown: [...violations], suppressed: [], problems: [] };
  const problems: Problem[] = directives.flatMap((d) => d.problems);
  const now = today ?? localDate();
  const active = directives.filter((d) => {
    if (!d.scope || d.isBroken || d.checks.length === 0) return false;
    if (d.until && d.until.date < now) {
      const ids = d.checks.map((c) => c.id).join(', ');
      problems.push(warning(d.until.range, 'suppression-expired', `podsec-ignore for ${ids} expired on ${d.until.date}; the finding is reported again`));
      return false;
    }
    return true;
  });
  const used = new Set<string>();
  const shown: Violation[] = [];
  const suppressed: SuppressedViolation[] = [];
  for (const v of violations) {
    const match = findMatch(active, v);
    if (!match) {
      shown.push(v);
      continue;
    }
    for (const c of match.directive.checks) if (checkFamily(c.id) === checkFamily(match.id)) used.add(`${match.directive.range[0]}:${c.id}`);
    suppressed.push({ ...v, suppression: suppressionOf(match.directive) });
  }
  for (const d of active) {
    for (const c of d.checks) {
      if (used.has(`${d.range[0]}:${c.id}`)) continue;
      const hint = d.scope?.kind === 'field' && d.scope.rootKey ? `; to cover the whole object, put the comment on or above the kind: line` : '';
      problems.push(warning(c.range, 'suppression-unused', `podsec-ignore ${c.id} suppresses nothing: no ${c.id} finding here under this object's policy${hint}`));
    }
  }
  problems.sort((a, b) => a.range[0] - b.range[0]);
  return { shown, suppressed, problems };
}

/** Today's date on the local clock as `YYYY-MM-DD`: `until=` dates are meant in the reader's time. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function findMatch(directives: readonly PlacedDirective[], v: Violation): { directive: PlacedDirective; id: string } | undefined {
  const family = checkFamily(v.checkId);
  for (const directive of directives) {
    const scope = directive.scope;
    if (!scope) continue;
    if (scope.kind === 'field' && !(scope.range[0] <= v.range[0] && v.range[1] <= scope.range[1])) continue;
    const id = directive.checks.find((c) => checkFamily(c.id) === family)?.id;
    if (id) return { directive, id };
  }
  return undefined;
}

function suppressionOf(d: PlacedDirective): Suppression {
  return { range: d.range, reason: d.reason, until: d.until?.date, scope: d.scope?.kind === 'object' ? 'object' : 'field' };
}
