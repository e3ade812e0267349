import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, type EvaluateOptions, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import { fixAll } from '../../shared/src/fix/fixAll';
import { enforce } from './helpers';

const TODAY = '2026-03-15';
const BASELINE: EvaluateOptions = { policy: enforce('baseline:latest'), today: TODAY };

/** A pod with two containers: `app` privileged, `sidecar` privileged too, and hostNetwork. */
function pod(opts: { aboveKind?: string; onKind?: string; aboveSpec?: string; aboveApp?: string; onPrivileged?: string; abovePrivileged?: string; aboveHostNetwork?: string } = {}): string {
  const line = (text: string | undefined, indent: string) => (text === undefined ? '' : `${indent}${text}\n`);
  return [
    'apiVersion: v1\n',
    line(opts.aboveKind, ''),
    `kind: Pod${opts.onKind ? `  ${opts.onKind}` : ''}\n`,
    'metadata:\n  name: web\n',
    line(opts.aboveSpec, ''),
    'spec:\n',
    line(opts.aboveHostNetwork, '  '),
    '  hostNetwork: true\n',
    '  containers:\n',
    line(opts.aboveApp, '    '),
    '    - name: app\n',
    '      image: nginx\n',
    '      securityContext:\n',
    line(opts.abovePrivileged, '        '),
    `        privileged: true${opts.onPrivileged ? ` ${opts.onPrivileged}` : ''}\n`,
    '    - name: sidecar\n',
    '      image: busybox\n',
    '      securityContext:\n',
    '        privileged: true\n',
  ].join('');
}

interface Seen {
  shown: string[];
  suppressed: string[];
  warnings: Array<[code: string, at: string]>;
  allowed: boolean;
  message: string | null;
}

/** What a person sees: shown and suppressed findings as `check@container`, warnings with the text they underline. */
function seen(text: string, options: EvaluateOptions = BASELINE): Seen {
  return view(text, evaluate(text, options));
}

function view(text: string, result: EvaluationResult): Seen {
  const where = (v: { checkId: string; data: Readonly<Record<string, string>>; range: readonly [number, number] }) => `${v.checkId}@${v.data['container'] ?? text.slice(v.range[0], v.range[1])}`;
  const object = result.objects[0];
  return {
    shown: object?.violations.map(where) ?? [],
    suppressed: object?.suppressed.map(where) ?? [],
    warnings: result.problems.filter((p) => p.severity === 'warning').map((p) => [p.code, text.slice(p.range[0], p.range[1])]),
    allowed: object?.allowed ?? true,
    message: object?.message ?? null,
  };
}

describe('podsec-ignore placement', () => {
  it('above a field covers that field and everything under it', () => {
    const s = seen(pod({ abovePrivileged: '# podsec-ignore privileged -- the CNI agent needs it' }));
    assert.deepEqual(s.shown, ['hostNamespaces@true', 'privileged@container "sidecar"']);
    assert.deepEqual(s.suppressed, ['privileged@container "app"']);
    assert.deepEqual(s.warnings, []);
  });

  it('above a list item covers the whole item, not its neighbours', () => {
    const text = pod({ aboveApp: '# podsec-ignore privileged -- reviewed in SEC-12' });
    const result = evaluate(text, BASELINE);
    const object = result.objects[0];
    assert.ok(object);
    assert.equal(object.suppressed.length, 1);
    // The suppressed one is app's (line of the first `privileged: true`), the shown one is sidecar's.
    const first = text.indexOf('privileged: true') + 'privileged: '.length;
    assert.equal(object.suppressed[0]?.range[0], first);
    assert.deepEqual(object.violations.map((v) => v.checkId).sort(), ['hostNamespaces', 'privileged']);
    assert.notEqual(object.violations.find((v) => v.checkId === 'privileged')?.range[0], first);
  });

  it('on the kind: line, or on its own line above it, covers the whole object', () => {
    for (const text of [pod({ onKind: '# podsec-ignore privileged -- node agent' }), pod({ aboveKind: '# podsec-ignore privileged -- node agent' })]) {
      const s = seen(text);
      assert.equal(s.suppressed.length, 2, text);
      assert.deepEqual(s.shown, ['hostNamespaces@true']);
      assert.deepEqual(s.warnings, []);
    }
  });

  it('at the end of a field\'s line covers that field', () => {
    const s = seen(pod({ onPrivileged: '# podsec-ignore privileged -- needs /dev/fuse' }));
    assert.equal(s.suppressed.length, 1);
    assert.equal(s.shown.length, 2);
  });

  it('stacks with other comment lines, but a blank line detaches it', () => {
    assert.equal(seen(pod({ abovePrivileged: '# podsec-ignore privileged -- reviewed\n        # a note about privileged' })).suppressed.length, 1);
    const detached = seen(pod({ abovePrivileged: '# podsec-ignore privileged -- reviewed\n' }));
    assert.deepEqual(detached.suppressed, []);
    assert.deepEqual(detached.warnings, [['suppression-misplaced', '# podsec-ignore privileged -- reviewed']]);
  });

  it('above the first key of the document covers only that key, and says where to put it instead', () => {
    const s = seen(`# podsec-ignore privileged -- all of it\n${pod()}`);
    assert.deepEqual(s.suppressed, []);
    assert.equal(s.warnings.length, 1);
    assert.deepEqual(s.warnings[0]?.[0], 'suppression-unused');
    const problem = evaluate(`# podsec-ignore privileged -- all of it\n${pod()}`, BASELINE).problems[0];
    assert.match(problem?.message ?? '', /on or above the kind: line/);
  });

  it('above a map key covers its subtree only: hostNetwork above spec\'s first key stays alone', () => {
    const s = seen(pod({ aboveHostNetwork: '# podsec-ignore hostNamespaces,privileged -- host agent' }));
    assert.deepEqual(s.suppressed, ['hostNamespaces@true']);
    assert.equal(s.shown.length, 2);
    assert.deepEqual(s.warnings, [['suppression-unused', 'privileged']]);
  });

  it('above spec: covers every container', () => {
    const s = seen(pod({ aboveSpec: '# podsec-ignore privileged -- host agent' }));
    assert.equal(s.suppressed.length, 2);
    assert.deepEqual(s.shown, ['hostNamespaces@true']);
  });

  it('names several checks, separated by commas or spaces', () => {
    for (const ids of ['privileged,hostNamespaces', 'privileged, hostNamespaces', 'privileged hostNamespaces']) {
      const s = seen(pod({ aboveKind: `# podsec-ignore ${ids} -- host agent` }));
      assert.deepEqual(s.shown, [], ids);
      assert.equal(s.suppressed.length, 3, ids);
      assert.deepEqual(s.warnings, [], ids);
    }
  });

  it('is not read inside a string, after another comment, or with a longer keyword', () => {
    const inString = pod().replace('image: nginx', 'image: nginx\n      args: ["x # podsec-ignore privileged -- no"]');
    assert.deepEqual(seen(inString).suppressed, []);
    assert.deepEqual(seen(pod({ onPrivileged: '# see # podsec-ignore privileged -- no' })).suppressed, []);
    assert.deepEqual(seen(pod({ abovePrivileged: '# podsec-ignored privileged -- no' })).suppressed, []);
    const block = pod().replace('image: nginx', 'image: nginx\n      command:\n        - |\n          # podsec-ignore privileged -- no\n          echo');
    assert.deepEqual(seen(block), { ...seen(pod()), message: seen(block).message });
  });

  it('at the end of a list item\'s line covers the item; on a capability entry, that entry', () => {
    const onItem = pod().replace('    - name: app\n', '    - name: app  # podsec-ignore privileged -- reviewed\n');
    assert.deepEqual(seen(onItem).suppressed, ['privileged@container "app"']);
    const caps = pod().replace('        privileged: true\n    - name: sidecar', '        capabilities:\n          add:\n            # podsec-ignore capabilities_baseline -- ping needs it\n            - NET_RAW\n            - SYS_ADMIN\n    - name: sidecar');
    const s = seen(caps);
    assert.deepEqual(s.suppressed.map((x) => x.split('@')[0]), ['capabilities_baseline']);
    assert.ok(s.shown.some((x) => x.startsWith('capabilities_baseline')), 'SYS_ADMIN is still reported');
    assert.deepEqual(s.warnings, []);
  });

  it('covers a flow map written on the field\'s line', () => {
    const flow = pod().replace('      securityContext:\n        privileged: true\n    - name: sidecar', '      # podsec-ignore privileged -- reviewed\n      securityContext: {privileged: true}\n    - name: sidecar');
    assert.deepEqual(seen(flow).suppressed, ['privileged@container "app"']);
  });

  it('works the same in a stream parsed whole (with a ... marker)', () => {
    const text = `${pod({ abovePrivileged: '# podsec-ignore privileged -- reviewed' })}...\n---\n${pod({ aboveSpec: '# podsec-ignore hostNamespaces -- host agent' })}`;
    const result = evaluate(text, BASELINE);
    assert.deepEqual(result.objects.map((o) => o.suppressed.map((v) => v.checkId)), [['privileged'], ['hostNamespaces']]);
    assert.deepEqual(result.problems, []);
    // A comment above the first line of the file belongs to the first document on both paths.
    const first = `kind: Pod  \n${pod().replace('kind: Pod\n', '')}`.replace(/^/, '# podsec-ignore privileged,hostNamespaces -- host agent\n');
    assert.deepEqual(seen(`${first}...\n`).suppressed.length, 3);
    assert.deepEqual(seen(first).suppressed.length, 3);
  });

  it('suppresses a check family: hostPathVolumes covers restrictedVolumes at the same volume', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: logs
spec:
  containers:
    - name: app
      image: nginx
  volumes:
    # podsec-ignore hostPathVolumes -- reads the node's journal, read-only
    - name: journal
      hostPath:
        path: /var/log/journal
`;
    const s = seen(text, { policy: enforce('restricted:latest'), today: TODAY });
    assert.deepEqual(s.suppressed.map((x) => x.split('@')[0]), ['restrictedVolumes']);
    assert.ok(!s.shown.some((x) => x.startsWith('restrictedVolumes')));
    assert.deepEqual(s.warnings, []);
  });
});

describe('podsec-ignore semantics', () => {
  it('never changes what the API server would say', () => {
    const plain = seen(pod());
    const suppressed = seen(pod({ aboveKind: '# podsec-ignore privileged,hostNamespaces -- host agent' }));
    assert.equal(suppressed.allowed, false);
    assert.equal(suppressed.message, plain.message);
    assert.deepEqual(suppressed.shown, []);
  });

  it('keeps the justification and the comment with each suppressed finding', () => {
    const text = pod({ abovePrivileged: '# podsec-ignore privileged until=2026-04-01 -- the CNI agent needs it' });
    const object = evaluate(text, BASELINE).objects[0];
    const s = object?.suppressed[0];
    assert.ok(s);
    assert.deepEqual({ ...s.suppression, range: text.slice(s.suppression.range[0], s.suppression.range[1]) }, {
      range: '# podsec-ignore privileged until=2026-04-01 -- the CNI agent needs it',
      reason: 'the CNI agent needs it',
      until: '2026-04-01',
      scope: 'field',
    });
  });

  it('applies through its until= day and reports the finding again afterwards, saying so at the date', () => {
    const text = pod({ abovePrivileged: '# podsec-ignore privileged until=2026-03-15 -- temporary' });
    assert.equal(seen(text, { ...BASELINE, today: '2026-03-15' }).suppressed.length, 1);
    const later = seen(text, { ...BASELINE, today: '2026-03-16' });
    assert.deepEqual(later.suppressed, []);
    assert.equal(later.shown.length, 3);
    assert.deepEqual(later.warnings, [['suppression-expired', '2026-03-15']]);
    const problem = evaluate(text, { ...BASELINE, today: '2026-03-16' }).problems[0];
    assert.equal(problem?.message, 'podsec-ignore for privileged expired on 2026-03-15; the finding is reported again');
  });

  it('is ignored entirely with ignoreSuppressions (--no-suppressions)', () => {
    const text = pod({ abovePrivileged: '# podsec-ignore privileged,runAsNonRoot -- x' });
    const s = seen(text, { ...BASELINE, ignoreSuppressions: true });
    assert.deepEqual(s.suppressed, []);
    assert.equal(s.shown.length, 3);
    assert.deepEqual(s.warnings, []);
  });

  it('is never touched by fix-all', () => {
    const text = pod({ aboveApp: '# podsec-ignore privileged -- reviewed' });
    const fixed = fixAll(text, BASELINE);
    assert.ok(fixed.includes('    # podsec-ignore privileged -- reviewed\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n'), fixed);
    assert.deepEqual(seen(fixed).suppressed, ['privileged@container "app"']);
    assert.deepEqual(seen(fixed).shown, []);
  });

  it('is per document, and survives incremental re-evaluation of other documents', () => {
    const one = pod({ aboveKind: '# podsec-ignore privileged -- a' });
    const text = `${one}---\n${pod()}`;
    const incremental = new IncrementalEvaluator(BASELINE);
    const first = incremental.evaluate(text).result;
    assert.deepEqual(first.objects.map((o) => o.suppressed.length), [2, 0]);
    const edited = text.replace(/name: web\n(?![\s\S]*name: web)/, 'name: web2\n');
    const second = incremental.evaluate(edited).result;
    assert.deepEqual(second.objects.map((o) => o.suppressed.length), [2, 0]);
    // Edit the first document so the second moves: its ranges (and the comment's) move with it.
    const moved = `# a comment\n${`${pod()}---\n${one}`}`;
    const third = incremental.evaluate(moved).result;
    const fresh = evaluate(moved, BASELINE);
    assert.deepEqual(third.objects.map((o) => o.suppressed.map((s) => [s.range, s.suppression.range])), fresh.objects.map((o) => o.suppressed.map((s) => [s.range, s.suppression.range])));
    const comment = fresh.objects[1]?.suppressed[0]?.suppression.range;
    assert.ok(comment);
    assert.equal(moved.slice(comment[0], comment[1]), '# podsec-ignore privileged -- a');
  });
});

describe('podsec-ignore warnings', () => {
  it('without a reason: suppresses, and warns at the comment', () => {
    for (const comment of ['# podsec-ignore privileged', '# podsec-ignore privileged --', '# podsec-ignore privileged --   ']) {
      const s = seen(pod({ abovePrivileged: comment }));
      assert.equal(s.suppressed.length, 1, comment);
      assert.deepEqual(s.warnings, [['suppression-no-reason', comment.trimEnd()]], comment);
    }
  });

  it('unknown check: warns at the ID and suggests the nearest one', () => {
    const text = pod({ abovePrivileged: '# podsec-ignore privileged,runAsNonroot,hostnetwork,foo -- x' });
    const result = evaluate(text, BASELINE);
    const warnings = result.problems.filter((p) => p.code === 'suppression-unknown-check').map((p) => [text.slice(p.range[0], p.range[1]), p.message]);
    assert.deepEqual(warnings, [
      ['runAsNonroot', 'podsec-ignore names an unknown check "runAsNonroot"; did you mean runAsNonRoot?'],
      ['hostnetwork', 'podsec-ignore names an unknown check "hostnetwork": use the check IDs podsec shows as codes, e.g. privileged or runAsNonRoot'],
      ['foo', 'podsec-ignore names an unknown check "foo": use the check IDs podsec shows as codes, e.g. privileged or runAsNonRoot'],
    ]);
    assert.equal(view(text, result).suppressed.length, 1);
    assert.match(evaluate(pod({ abovePrivileged: '# podsec-ignore privilegd -- x' }), BASELINE).problems[0]?.message ?? '', /did you mean privileged\?/);
  });

  it('suppresses nothing: warns at each unused ID', () => {
    const s = seen(pod({ abovePrivileged: '# podsec-ignore privileged,runAsNonRoot -- x' }));
    assert.deepEqual(s.warnings, [['suppression-unused', 'runAsNonRoot']]);
    assert.equal(evaluate(pod({ abovePrivileged: '# podsec-ignore runAsNonRoot -- x' }), BASELINE).problems[0]?.message, "podsec-ignore runAsNonRoot suppresses nothing: no runAsNonRoot finding here under this object's policy");
  });

  it('a date that is not one: warns at the date and suppresses nothing', () => {
    for (const [date, at] of [['2026-02-30', '2026-02-30'], ['tomorrow', 'tomorrow'], ['', 'until=']]) {
      const s = seen(pod({ abovePrivileged: `# podsec-ignore privileged until=${date} -- x` }));
      assert.deepEqual(s.suppressed, [], date);
      assert.deepEqual(s.warnings, [['suppression-bad-date', at]], date);
    }
  });

  it('names no check: warns at the comment', () => {
    const s = seen(pod({ abovePrivileged: '# podsec-ignore -- x' }));
    assert.deepEqual(s.warnings, [['suppression-no-check', '# podsec-ignore -- x']]);
    assert.deepEqual(s.suppressed, []);
  });

  it('warns on non-workload-free cases too: an exempt or privileged policy leaves the comment unused', () => {
    const s = seen(pod({ abovePrivileged: '# podsec-ignore privileged -- x' }), { policy: enforce('privileged:latest'), today: TODAY });
    assert.deepEqual(s.warnings, [['suppression-unused', 'privileged']]);
  });

  it('handles CRLF line ends', () => {
    const text = pod({ abovePrivileged: '# podsec-ignore privileged -- crlf' }).replace(/\n/g, '\r\n');
    const s = seen(text);
    assert.equal(s.suppressed.length, 1);
    assert.deepEqual(s.warnings, []);
  });
});
