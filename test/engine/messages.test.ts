import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { shortForm } from '../../shared/src/evaluate/messages';
import { evalAt, lv } from './helpers';

const bare = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: x\n';

describe('aggregated messages (pod-security-standards.md §5, pod-security-admission.md §9)', () => {
  it('match the §5 restricted example at every version from v1.25', () => {
    const expected = 'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';
    for (const pair of ['restricted:v1.25', 'restricted:v1.34', 'restricted:latest', 'restricted:v1.99']) {
      const o = evalAt(bare, pair).objects[0];
      assert.equal(o?.message, `pods "web" is forbidden: violates PodSecurity "${pair}": ${expected}`, pair);
      assert.equal(shortForm(o?.modes[0]?.results ?? []), 'allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile');
    }
  });

  it('match the §5 baseline example', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n  - name: web\n    securityContext: {privileged: true}\n    ports:\n    - containerPort: 80\n      hostPort: 80\n';
    assert.equal(evalAt(text, 'baseline:latest').objects[0]?.message, 'pods "web" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostPort (container "web" uses hostPort 80), privileged (container "web" must not set securityContext.privileged=true)');
  });

  it('Go-quote the pod name and drop it when empty', () => {
    const named = bare.replace('name: web', 'name: "we\\"b"');
    assert.match(evalAt(named, 'restricted').objects[0]?.message ?? '', /^pods "we\\"b" is forbidden: /);
    const unnamed = bare.replace('  name: web\n', '  labels: {}\n');
    assert.match(evalAt(unnamed, 'restricted').objects[0]?.message ?? '', /^pods is forbidden: violates PodSecurity "restricted:latest": /);
  });

  it('show an empty detail as the bare reason', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n    - name: ""\n';
    assert.equal(evalAt(text, 'baseline').objects[0]?.message, 'pods "web" is forbidden: violates PodSecurity "baseline:latest": forbidden sysctls');
  });

  it('give controllers the warning text, and the enforce text without a pod name', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext: {privileged: true}\n';
    const o = evaluate(deploy, { policy: { enforce: lv('baseline'), warn: lv('restricted:v1.30'), audit: lv('baseline:v1.0') } }).objects[0];
    assert.ok(o);
    assert.equal(o.allowed, false);
    assert.equal(o.modes[0]?.message, 'violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)');
    assert.match(o.modes[1]?.message ?? '', /^would violate PodSecurity "restricted:v1.30": privileged \(container "app" must not set securityContext.privileged=true\), allowPrivilegeEscalation != false/);
    assert.equal(o.modes[2]?.message, 'would violate PodSecurity "baseline:v1.0": privileged (container "app" must not set securityContext.privileged=true)');
  });

  it('show each finding once, at the strictest mode, merging overridden check families', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: app\n    securityContext:\n      privileged: true\n      allowPrivilegeEscalation: false\n      capabilities: {add: [NET_ADMIN], drop: [ALL]}\n';
    const o = evaluate(text, { policy: { enforce: lv('baseline'), warn: lv('restricted'), audit: lv('restricted') } }).objects[0];
    assert.deepEqual(o?.violations.map((v) => [v.checkId, v.mode]), [['privileged', 'enforce'], ['capabilities_baseline', 'enforce']]);
  });
});
