import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'yaml';
import { fastPath } from '../../shared/src/yaml/fast';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { fixAll } from '../../shared/src/fix/fixAll';
import { renderFix } from '../../shared/src/fix/render';
import { MAX_DEPTH, MAX_INDENT } from '../../shared/src/yaml/depth';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { enforce, evalAt, underlined } from './helpers';

/**
 * What yaml/parse.ts refuses or reports before anything is evaluated (issue 6): nesting too
 * deep, alias trouble (bombs, unknown anchors, anchors containing themselves), control
 * characters, text the parser skipped, keys written twice; and tags read as Kubernetes reads
 * them. Each refusal is one error per document, the same on every run, and the other documents
 * of the file are still evaluated.
 */
const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n';

/** Problems as [code, underlined text], for assertions that read like the file. */
function problems(text: string, pair = 'baseline'): Array<[string, string]> {
  return evalAt(text, pair).problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]);
}

function withPod(doc: string): string {
  return `${doc}${doc.endsWith('\n') ? '' : '\n'}---\n${PRIVILEGED_POD}`;
}

describe('nesting depth', () => {
  const deep: Array<[string, (n: number) => string]> = [
    ['flow lists', (n) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['flow maps', (n) => `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['block lists', (n) => `x:\n${'- '.repeat(n)}a\n`],
    ['flow lists in a block list', (n) => `x:\n- ${'['.repeat(n)}${']'.repeat(n)}\n`],
  ];
  for (const [what, make] of deep) {
    it(`refuses 100,000 levels of ${what} with one error, the same on every run, and evaluates the next document`, () => {
      const text = withPod(`apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\n${make(100_000)}`);
      const first = evalAt(text, 'baseline');
      assert.deepEqual(first.problems.map((p) => p.code), ['too-deep']);
      assert.match(first.problems[0]?.message ?? '', new RegExp(`more than (${MAX_DEPTH} levels deep|${MAX_INDENT} columns).*: podsec does not evaluate this document$`));
      assert.deepEqual(first.objects.map((o) => o.name), ['ok']);
      assert.deepEqual(evalAt(text, 'baseline'), first);
      assert.equal(fixAll(text, { policy: enforce('baseline') }).includes('privileged: false'), true);
    });
  }

  it(`refuses block maps nested ${MAX_DEPTH + 1} levels deep, at the first level too deep`, () => {
    let body = 'x:\n';
    for (let i = 1; i <= MAX_DEPTH + 1; i++) body += `${' '.repeat(i)}k${i}:\n`;
    const text = `apiVersion: v1\nkind: Pod\n${body}`;
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems.map((p) => [p.code, p.range[0]]), [['too-deep', text.indexOf(`k${MAX_DEPTH}:`)]]);
  });

  it('refuses block maps nested 2,500 levels deep without crashing the parser (found while testing)', () => {
    let body = 'x:\n';
    for (let i = 1; i <= 2500; i++) body += `${' '.repeat(i)}k:\n`;
    const text = withPod(`apiVersion: v1\nkind: Pod\n${body}y: 1\n`);
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems.map((p) => [p.code, p.range[0]]), [['too-deep', text.indexOf(`\n${' '.repeat(MAX_INDENT + 1)}k`) + MAX_INDENT + 2]]);
    assert.deepEqual(result.objects.map((o) => o.name), ['ok']);
  });

  it('ignores blank and comment lines indented past the limit', () => {
    const text = `${PRIVILEGED_POD}${' '.repeat(5000)}\n${' '.repeat(2000)}# far away\n${' '.repeat(3000)}`;
    assert.deepEqual(underlined(text, evalAt(text, 'baseline')), [['privileged', 'true']]);
  });

  it('turns any exception of the yaml parser into one error instead of a throw (last resort)', () => {
    const parse = Parser.prototype.parse;
    Parser.prototype.parse = function* () {
      yield* [];
      throw new RangeError('Maximum call stack size exceeded');
    };
    // The fast parser (yaml/fast.ts) would read this pod without the yaml package's parser.
    fastPath.enabled = false;
    try {
      const result = evalAt(PRIVILEGED_POD, 'baseline');
      assert.deepEqual(result.objects, []);
      assert.deepEqual(result.problems.map((p) => [p.code, p.message]), [['too-deep', 'podsec cannot read this file: it nests too deeply for the YAML parser; it is not evaluated']]);
    } finally {
      Parser.prototype.parse = parse;
      fastPath.enabled = true;
    }
    assert.equal(evalAt(PRIVILEGED_POD, 'baseline').objects.length, 1);
  });

  it(`evaluates and fixes a pod with a value nested ${MAX_DEPTH - 1} levels deep`, () => {
    const text = `${PRIVILEGED_POD}  x: ${'['.repeat(MAX_DEPTH - 2)}${']'.repeat(MAX_DEPTH - 2)}\n`;
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(underlined(text, result), [['privileged', 'true']]);
    const fix = result.objects[0]?.violations[0]?.fixes.map((plan) => renderFix(plan, text)).find((f) => f);
    assert.ok(fix, 'a fix is offered');
  });
});

describe('aliases', () => {
  /** `levels` anchors, each a list of `fanout` aliases of the one before: fanout^levels nodes. */
  function bomb(levels: number, fanout: number): string {
    const lines = [`b0: &b0 [${Array(fanout).fill('x').join(', ')}]`];
    for (let i = 1; i < levels; i++) lines.push(`b${i}: &b${i} [${Array(fanout).fill(`*b${i - 1}`).join(', ')}]`);
    return lines.map((l) => `  ${l}\n`).join('');
  }

  it('cut off a "billion laughs" of a few kilobytes (10^30 nodes) with one error at the alias that uses it', () => {
    const text = withPod(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\nx-bombs:\n${bomb(30, 10)}spec:\n  containers:\n  - name: a\n    env: *b29\n`);
    assert.ok(text.length < 4000);
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]), [['excessive-aliasing', '*b29']]);
    assert.match(result.problems[0]?.message ?? '', /excessive aliasing: its aliases expand to more than a billion billion nodes/);
    assert.deepEqual(result.objects.map((o) => o.name), ['ok']);
    assert.equal(fixAll(text, { policy: enforce('baseline') }).split('*b29').length, 2, 'the bomb is left as it is');
  });

  it('refuses a bomb that is defined but never used, as go-yaml does', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nx:\n${bomb(8, 10)}`;
    assert.deepEqual(problems(text).map(([code]) => code), ['excessive-aliasing']);
  });

  it('accepts ordinary reuse: many aliases of small anchors', () => {
    const containers = Array.from({ length: 200 }, (_, i) => `  - name: c${i}\n    securityContext: *sc\n    resources: *res\n`).join('');
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nx:\n  sc: &sc {privileged: true, runAsUser: 0}\n  res: &res {limits: {cpu: 1, memory: 1Gi}}\nspec:\n  containers:\n${containers}`;
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems, []);
    assert.equal(result.objects[0]?.violations.length, 200);
  });

  it('refuses an alias of an anchor that is never written, or written after it', () => {
    assert.deepEqual(problems(withPod('apiVersion: v1\nkind: Pod\nspec: *nowhere\n')), [['bad-alias', '*nowhere']]);
    assert.deepEqual(problems('apiVersion: v1\nkind: Pod\nspec: *later\nx: &later {}\n'), [['bad-alias', '*later']]);
    assert.match(evalAt('kind: Pod\nspec: *nowhere\n', 'baseline').problems[0]?.message ?? '', /unknown anchor 'nowhere' referenced/);
  });

  it('refuses an anchor that contains its own alias (go-yaml: "anchor value contains itself")', () => {
    assert.deepEqual(problems('apiVersion: v1\nkind: Pod\nspec: &s\n  containers: [{name: a}]\n  extra: *s\n'), [['bad-alias', '*s']]);
    assert.deepEqual(problems('apiVersion: v1\nkind: Pod\nspec: &s\n  <<: *s\n  containers: [{name: a}]\n'), [['bad-alias', '*s']]);
  });

  it('reads merged and aliased values inside pod specs and underlines the use site', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: m}\nx:\n  sc: &sc {privileged: true, capabilities: {add: [SYS_ADMIN]}}\n  ports: &ports [{containerPort: 80, hostPort: 80}]\n' +
      'spec:\n  containers:\n  - name: merged\n    securityContext:\n      <<: *sc\n      runAsUser: 0\n  - name: aliased\n    securityContext: *sc\n    ports: *ports\n  - name: overridden\n    securityContext:\n      <<: *sc\n      privileged: false\n';
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(underlined(text, result).sort(), [
      ['capabilities_baseline', '*sc'],
      ['capabilities_baseline', '*sc'],
      ['capabilities_baseline', '*sc'],
      ['hostPorts', '*ports'],
      ['privileged', '*sc'],
      ['privileged', '*sc'],
    ]);
    assert.match(result.objects[0]?.message ?? '', /privileged \(containers "merged", "aliased" must not set securityContext.privileged=true\)/);
    // Text reached through an alias may be shared: no fix edits it.
    const fixes = result.objects[0]?.violations.filter((v) => v.checkId === 'privileged').flatMap((v) => v.fixes.map((p) => renderFix(p, text))) ?? [];
    assert.deepEqual(fixes.filter(Boolean), []);
  });

  it('does not crash on a map entry with no value next to an alias (found by fuzzing)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {x}}\nspec:\n  containers:\n  - &c {name: a, securityContext: {privileged: true}}\n  - *c\n';
    assert.deepEqual(underlined(text, evalAt(text, 'baseline')), [['privileged', 'true'], ['privileged', '*c']]);
  });
});

describe('tags', () => {
  it('reads !!binary as the text of its bytes, as go-yaml does', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: !!binary d2Vi\nspec:\n  containers:\n  - name: !!binary YXBw\n    securityContext: {privileged: true}\n';
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems, []);
    assert.equal(result.objects[0]?.name, 'web');
    assert.equal(result.objects[0]?.message, 'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)');
    assert.deepEqual(problems('kind: Pod\nmetadata: {name: !!binary "not base64!"}\n'), [['yaml-syntax', '!!binary']]);
  });

  it('reads custom tags as their plain values: a tagged map is a map, a tagged scalar is a string', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: t}\nspec:\n  containers:\n  - name: a\n    securityContext: !custom {privileged: !!str true, allowPrivilegeEscalation: !foo false, runAsUser: !!int 0}\n';
    const result = evalAt(text, 'restricted');
    assert.deepEqual(
      result.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]),
      [['type-mismatch', 'true'], ['type-mismatch', 'false']],
    );
    assert.deepEqual(underlined(text, result).filter(([id]) => id === 'runAsUser'), [['runAsUser', '0']]);
  });
});

describe('duplicate keys', () => {
  it('are errors at the later key; the last value counts, as in lenient decoding', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: false\n      privileged: true\n  - name: b\n    securityContext: {privileged: true, privileged: false}\n';
    const result = evalAt(text, 'baseline');
    assert.deepEqual(
      result.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]),
      [['duplicate-key', 'privileged'], ['duplicate-key', 'privileged']],
    );
    assert.match(result.problems[0]?.message ?? '', /^duplicate key "privileged": the API server rejects/);
    assert.deepEqual(underlined(text, result), [['privileged', 'true']]);
  });

  it('keep fixes away from a document with a key written twice, and leave the other documents fixable', () => {
    const dup = 'apiVersion: v1\nkind: Pod\nmetadata: {name: d, name: e}\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n';
    const text = withPod(dup);
    const result = evalAt(text, 'baseline');
    assert.equal(result.objects.length, 2);
    const rendered = result.objects.map((o) => o.violations.flatMap((v) => v.fixes.map((p) => renderFix(p, text))).filter(Boolean).length);
    assert.deepEqual(rendered.map((n) => n > 0), [false, true]);
    const fixed = fixAll(text, { policy: enforce('baseline') });
    assert.equal(fixed.slice(0, dup.length), dup);
    assert.notEqual(fixed, text);
  });

  it('allow merge keys twice, as go-yaml does', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: m}\nx: [&a {privileged: true}, &b {runAsUser: 0}]\nspec:\n  containers:\n  - name: c\n    securityContext:\n      <<: *a\n      <<: *b\n';
    const result = evalAt(text, 'restricted');
    assert.deepEqual(result.problems, []);
    assert.ok(underlined(text, result).some(([id, at]) => id === 'privileged' && at === '*a'));
  });

  it('are found in linear time: a map of 50,000 keys', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `    k${i}: v`).join('\n');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  labels:\n${keys}\n    k7: again\n`;
    assert.deepEqual(problems(text), [['duplicate-key', 'k7']]);
  });
});

describe('control characters', () => {
  it('refuse a document holding one with a single error, and evaluate the others', () => {
    const text = withPod('apiVersion: v1\nkind: Pod\nmetadata: {name: "a\u0000b"}\n\u0001\u0002\u0003: [\u0007]\n');
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]), [['control-characters', '\u0000']]);
    assert.match(result.problems[0]?.message ?? '', /control character U\+0000, which YAML does not allow \(a binary file\?\)/);
    assert.deepEqual(result.objects.map((o) => o.name), ['ok']);
  });

  it('refuse random binary content with one error', () => {
    let bytes = '';
    for (let i = 0; i < 4096; i++) bytes += String.fromCharCode((i * 7919 + 13) % 256);
    const result = evalAt(bytes, 'baseline');
    assert.equal(result.problems.filter((p) => p.code === 'control-characters').length, result.documentCount);
    assert.ok(result.problems.every((p) => p.code === 'control-characters'));
  });

  it('allow escaped control characters, a byte order mark, NEL, non-ASCII text and astral characters', () => {
    const text = '\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: "nul\\0 esc\\e"\n  annotations: {a: "été 日本 😀 \u0085"}\nspec:\n  containers: [{name: a}]\n';
    assert.deepEqual(problems(text), []);
    assert.deepEqual(problems('kind: Pod\nmetadata: {name: "\ud800"}\n'), [['control-characters', '\ud800']]);
  });
});

describe('text the parser skips', () => {
  it('is an error, so a document missing part of its text is neither evaluated nor fixed (found by fuzzing)', () => {
    // yaml drops the list under the explicit key without an error; the fix inserting after it
    // was "proven" on the shortened document and broke the file.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  containers:\n  - name: app\n  ? complex:\n  - name: init\n';
    assert.deepEqual(problems(text, 'restricted'), [['yaml-syntax', '- name: init']]);
    assert.equal(fixAll(text, { policy: enforce('restricted') }), text);
  });

  it('leaves comments, blank lines and markers between documents alone', () => {
    const text = `${PRIVILEGED_POD}# comment\n\n...\n%YAML 1.1\n---\n# another\n${PRIVILEGED_POD}\n  # indented comment\n`;
    assert.deepEqual(problems(text), []);
    assert.equal(parseDocuments(text).length, 2);
  });
});

describe('values of the wrong type anywhere', () => {
  const cases: Array<[string, string]> = [
    ['securityContext: null', 'spec:\n  securityContext: null\n  containers:\n  - name: a\n    securityContext: null\n'],
    ['a string where a list is expected', 'spec:\n  containers: "nginx"\n  initContainers: x\n  volumes: 5\n'],
    ['numbers and lists as names', 'metadata: {name: 7, namespace: [a]}\nspec:\n  containers:\n  - name: 8\n  - name: {a: b}\n'],
    ['a list as the spec', 'spec: [containers]\n'],
    ['a scalar as the metadata', 'metadata: 12\nspec: {containers: [{name: a, securityContext: {capabilities: {add: NET_RAW, drop: 5}}}]}\n'],
    ['maps where scalars go', 'spec:\n  hostNetwork: {a: 1}\n  containers:\n  - name: a\n    securityContext: {privileged: [true], runAsUser: {x: 0}, seccompProfile: {type: [Unconfined]}}\n    ports: [{hostPort: "80"}, 80, null]\n'],
    ['a kind that is not a string', 'kind: [Pod]\nspec: {containers: [{name: a}]}\n'],
  ];
  for (const [what, body] of cases) {
    it(`never throws, reports type mismatches and keeps every range in the text: ${what}`, () => {
      const text = `apiVersion: v1\nkind: Pod\n${body}`;
      for (const pair of ['baseline', 'restricted:v1.24', 'restricted']) {
        const result = evaluate(text, { policy: enforce(pair) });
        for (const p of result.problems) assert.ok(p.range[0] >= 0 && p.range[1] <= text.length && p.range[0] <= p.range[1], p.message);
        for (const o of result.objects) for (const v of o.violations) for (const plan of v.fixes) assert.doesNotThrow(() => renderFix(plan, text));
        assert.doesNotThrow(() => fixAll(text, { policy: enforce(pair) }));
      }
    });
  }

  it('reports each wrong type once, at the value', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: 7}\nspec:\n  securityContext: null\n  containers: "nginx"\n';
    assert.deepEqual(problems(text), [['type-mismatch', '7'], ['type-mismatch', '"nginx"']]);
  });
});
