import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectCheckCases } from '../support/checkTester';
import { stripMarkers } from '../support/markers';
import { inMultiDocument, wrapPod, WRAPPABLE_KINDS } from '../support/wrap';

/** A manifest the fuzzer starts from, and where it came from (for failure reports). */
export interface Seed {
  readonly origin: string;
  readonly text: string;
}

const ROOT = join(__dirname, '../../..');

/**
 * The starting manifests: the examples, the editor tests' workspace, every case (valid and
 * invalid) of every check's table wrapped in each kind with a pod template, and a few shapes the
 * tables do not have (JSON, flow style, multi-document, CRLF, comments everywhere).
 */
export function loadCorpus(): Seed[] {
  const seeds: Seed[] = [];
  for (const dir of ['examples', 'test/e2e/workspace']) {
    for (const path of yamlFiles(join(ROOT, dir))) seeds.push({ origin: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') });
  }
  const checksDir = join(ROOT, 'out/shared/src/checks');
  const tables = collectCheckCases(() => {
    for (const file of readdirSync(checksDir).filter((f) => f.endsWith('.test.js')).sort()) require(join(checksDir, file));
  });
  for (const { check, cases } of tables) {
    const all = [...cases.valid.map((c, i) => ({ c, name: `valid #${i}` })), ...cases.invalid.map((c, i) => ({ c, name: `invalid #${i}` }))];
    for (const [n, { c, name }] of all.entries()) {
      const kind = WRAPPABLE_KINDS[n % WRAPPABLE_KINDS.length] ?? 'Pod';
      const text = wrapPod(stripMarkers(c.yaml).text, kind);
      seeds.push({ origin: `${check.id} ${name} as ${kind}`, text: n % 7 === 3 ? inMultiDocument(text) : text });
    }
  }
  seeds.push(...EXTRA);
  return seeds;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const EXTRA: Seed[] = [
  {
    origin: 'JSON manifest',
    text: '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j", "namespace": "n"},\n  "spec": {\n    "hostNetwork": true,\n    "containers": [\n      {"name": "a", "image": "x", "securityContext": {"privileged": true, "capabilities": {"add": ["NET_ADMIN"]}}}\n    ]\n  }\n}\n',
  },
  {
    origin: 'flow style',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: f}\nspec: {template: {spec: {hostPID: true, securityContext: {runAsUser: 0}, containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}], securityContext: {allowPrivilegeEscalation: true, seccompProfile: {type: Unconfined}}}], volumes: [{name: v, hostPath: {path: /}}]}}}\n',
  },
  {
    origin: 'anchors and merge keys',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\n  annotations: &ann\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\nspec:\n  securityContext: &psc\n    sysctls: [{name: kernel.msgmax, value: "1"}]\n  containers:\n  - &c\n    name: a\n    securityContext: &sc {privileged: true, procMount: Unmasked}\n  - <<: *c\n    name: b\n    securityContext:\n      <<: *sc\n      capabilities: {add: [SYS_TIME]}\n  initContainers:\n  - name: i\n    securityContext: *sc\n',
  },
  {
    origin: 'comments and CRLF',
    text: '# head\r\napiVersion: v1 # api\r\nkind: Pod\r\nmetadata:\r\n  name: c # name\r\nspec:\r\n  # containers\r\n  containers:\r\n  - name: a # first\r\n    securityContext:\r\n      # privileged\r\n      privileged: true # yes\r\n      runAsUser: 0\r\n',
  },
  {
    origin: 'namespace and workload',
    text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.25\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\n  namespace: prod\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          os: {name: windows}\n          containers:\n          - name: a\n            securityContext:\n              windowsOptions: {hostProcess: true}\n              seLinuxOptions: {type: spc_t}\n            livenessProbe: {httpGet: {host: evil, port: 80}}\n',
  },
  {
    origin: 'admission configuration',
    text: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults: {enforce: baseline, enforce-version: latest, warn: restricted, audit: restricted}\n    exemptions:\n      usernames: [admin]\n      runtimeClasses: [kata]\n      namespaces: [kube-system]\n',
  },
  {
    origin: 'kustomization',
    text: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n- deployment.yaml\n- ../base\n',
  },
  {
    origin: 'block scalars and quotes',
    text: "apiVersion: 'v1'\nkind: \"Pod\"\nmetadata:\n  name: >-\n    folded\n  annotations:\n    note: |\n      line one\n      line two\nspec:\n  containers:\n  - name: 'q'\n    command: [\"sh\", '-c', 'echo \"hi\"']\n    securityContext:\n      capabilities:\n        add:\n        - \"NET_RAW\"\n        - 'SYS_ADMIN'\n",
  },
];
