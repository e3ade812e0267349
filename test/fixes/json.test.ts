import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { applyEdits } from '../../shared/src/fix/apply';
import { fixAll } from '../../shared/src/fix/fixAll';
import { renderFix } from '../../shared/src/fix/render';
import { enforce } from '../engine/helpers';

/**
 * JSON manifests are YAML and are evaluated as such; kubectl reads a stream that starts with `{`
 * as JSON, so every fix must leave a JSON manifest valid JSON (keys and strings in double quotes).
 */
const POD = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'j' },
    spec: {
      hostNetwork: true,
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['NET_ADMIN'] } } }],
      volumes: [{ name: 'h', hostPath: { path: '/' } }],
    },
  },
  null,
  2,
);
const COMPACT = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c"}, "spec": {"containers": [{"name": "a", "securityContext": {"runAsNonRoot": null}}]}}\n';

describe('fixes in JSON manifests', () => {
  for (const [what, text] of [['an indented JSON pod', `${POD}\n`], ['a one-line JSON pod', COMPACT]] as const) {
    it(`keep ${what} valid JSON, one fix at a time and all at once`, () => {
      const policy = enforce('restricted');
      const result = evaluate(text, { policy });
      assert.deepEqual(result.problems, []);
      let rendered = 0;
      for (const v of result.objects[0]?.violations ?? []) {
        for (const plan of v.fixes) {
          const fix = renderFix(plan, text);
          if (!fix) continue;
          rendered++;
          const fixed = applyEdits(text, fix.edits) ?? '';
          assert.doesNotThrow(() => JSON.parse(fixed), `${plan.id}:\n${fixed}`);
        }
      }
      assert.ok(rendered > 2, 'fixes are offered');
      const all = fixAll(text, { policy });
      assert.doesNotThrow(() => JSON.parse(all), all);
      const left = evaluate(all, { policy }).objects[0]?.violations.length ?? 0;
      assert.ok(left < (result.objects[0]?.violations.length ?? 0));
    });
  }

  it('writes the new fields in JSON', () => {
    const fixed = fixAll(COMPACT, { policy: enforce('restricted') });
    const spec = JSON.parse(fixed).spec;
    assert.deepEqual(spec.containers[0].securityContext, { runAsNonRoot: null, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    assert.deepEqual(spec.securityContext, { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true });
  });
});
