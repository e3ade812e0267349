#!/usr/bin/env node
// Deterministic corpus generator for the benchmarks.
//
//   node bench/generate.mjs --workloads 3000 --seed 1 --out corpus.yaml   one multi-document file
//   node bench/generate.mjs --workloads 300 --seed 1 --files DIR          one workload per file
//   node bench/generate.mjs --workloads 10                                to standard output
//   add --no-noise to leave out the Services, ConfigMaps and comments between workloads
//
// The same seed and options always give byte-identical output (a seeded mulberry32, never
// Math.random, no dates, no environment), so numbers measured on two machines or two commits
// are measured on the same input.
//
// Workloads are a realistic mix of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods
// and ReplicaSets, each 30–60 lines with labels, annotations, 1–3 containers, sometimes init
// containers, env, resources, probes, volume mounts and volumes, in block and flow style. About
// half are restricted-compliant, a third baseline-only and the rest privileged-ish, so every
// check does real work. Names are unique across the corpus.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG stream. */
function random(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks from [[weight, value], ...]. */
    weighted: (entries) => {
      const total = entries.reduce((s, [w]) => s + w, 0);
      let x = next() * total;
      for (const [w, v] of entries) {
        x -= w;
        if (x < 0) return v;
      }
      return entries[entries.length - 1][1];
    },
  };
  return r;
}

const WORKLOAD_MIX = [
  [30, 'Deployment'],
  [12, 'StatefulSet'],
  [8, 'DaemonSet'],
  [12, 'Job'],
  [10, 'CronJob'],
  [18, 'Pod'],
  [10, 'ReplicaSet'],
];

/** restricted: passes restricted:latest; baseline: passes baseline only; privileged: fails baseline. */
const PROFILE_MIX = [
  [50, 'restricted'],
  [33, 'baseline'],
  [17, 'privileged'],
];

const API_VERSION = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Pod: 'v1',
};

const APPS = ['checkout', 'catalog', 'cart', 'payments', 'search', 'auth', 'billing', 'ledger', 'notifier', 'gateway', 'inventory', 'reports', 'metrics', 'indexer', 'thumbnailer', 'mailer', 'scheduler', 'exporter', 'ingest', 'profile'];
const TIERS = ['frontend', 'backend', 'worker', 'data', 'platform'];
const TEAMS = ['storefront', 'payments', 'platform', 'data', 'identity', 'growth'];
const NAMESPACES = ['shop', 'payments', 'platform', 'data', 'identity', 'monitoring', 'batch'];
const IMAGES = [
  ['ghcr.io/example/{app}', ['1.4.2', '2.0.0', '2.1.7', '0.9.13']],
  ['registry.example.com/{team}/{app}', ['v3.2.1', 'v3.3.0', '2024.11.02']],
  ['nginx', ['1.27', '1.27-alpine', '1.26.2']],
  ['redis', ['7.4', '7.2-alpine']],
  ['postgres', ['16.4', '17.0']],
  ['busybox', ['1.36']],
  ['python', ['3.12-slim']],
  ['golang', ['1.23']],
];
const SIDECARS = ['log-shipper', 'metrics-exporter', 'config-reloader', 'envoy', 'oauth-proxy'];
const INIT_NAMES = ['wait-for-db', 'migrate', 'fetch-config', 'chown-data', 'render-templates'];
const ENV_NAMES = [
  ['LOG_LEVEL', 'info'],
  ['PORT', '8080'],
  ['DATABASE_HOST', 'postgres.data.svc'],
  ['REDIS_HOST', 'redis.cache.svc'],
  ['FEATURE_FLAGS', 'search,recommendations'],
  ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.monitoring:4317'],
  ['GOMAXPROCS', '2'],
  ['TZ', 'UTC'],
  ['REGION', 'eu-west-1'],
  ['CACHE_TTL', '30s'],
];
const SAFE_CAPS = ['CHOWN', 'SETUID', 'SETGID', 'KILL', 'NET_BIND_SERVICE', 'DAC_OVERRIDE', 'FOWNER'];
const DANGEROUS_CAPS = ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_RAW', 'BPF'];
const COMMENTS = [
  'TODO: move to the shared chart once the platform team publishes it',
  'owned by the on-call rotation; page before changing replicas',
  'generated from templates/workload.yaml.tpl; edit the template, not this file',
  'NOTE: keep in sync with the staging overlay',
  'resource numbers from the last load test',
  'do not remove: the readiness gate depends on this',
];

/** Builds indented lines; every nesting level is 2 spaces. */
class Out {
  constructor() {
    this.lines = [];
  }
  add(indent, text) {
    this.lines.push(' '.repeat(indent) + text);
  }
}

/**
 * Generates the corpus as units: each unit is one workload document plus, with noise, the
 * comments, Services and ConfigMaps that follow it. Returns [{ kind, name, profile, yaml }].
 */
export function generateUnits({ seed = 1, workloads = 3000, includeNoise = true } = {}) {
  const r = random(seed);
  const units = [];
  for (let i = 0; i < workloads; i++) {
    const kind = r.weighted(WORKLOAD_MIX);
    const profile = r.weighted(PROFILE_MIX);
    const app = r.pick(APPS);
    const name = `${app}-${kind.toLowerCase()}-${String(i).padStart(5, '0')}`;
    const ctx = { r, kind, profile, app, name, team: r.pick(TEAMS), tier: r.pick(TIERS), namespace: r.pick(NAMESPACES), index: i, includeNoise };
    const docs = [];
    if (includeNoise && r.chance(0.2)) docs.push(configMap(ctx));
    docs.push(workload(ctx));
    if (includeNoise && (kind === 'Deployment' || kind === 'StatefulSet') && r.chance(0.6)) docs.push(service(ctx));
    const prefix = includeNoise && r.chance(0.15) ? `# ${r.pick(COMMENTS)}\n` : '';
    units.push({ kind, name, profile, yaml: prefix + docs.join('---\n') });
  }
  return units;
}

/** The whole corpus as one multi-document YAML string. */
export function generateCorpus(options = {}) {
  return generateUnits(options)
    .map((u) => u.yaml)
    .join('---\n');
}

function labels(o, indent, ctx, flow) {
  const { r } = ctx;
  if (flow) {
    o.add(indent, `labels: {app.kubernetes.io/name: ${ctx.app}, app.kubernetes.io/instance: ${ctx.name}, tier: ${ctx.tier}}`);
    return;
  }
  o.add(indent, 'labels:');
  o.add(indent + 2, `app.kubernetes.io/name: ${ctx.app}`);
  o.add(indent + 2, `app.kubernetes.io/instance: ${ctx.name}`);
  if (r.chance(0.7)) o.add(indent + 2, `app.kubernetes.io/part-of: ${ctx.team}`);
  o.add(indent + 2, `tier: ${ctx.tier}`);
}

function workload(ctx) {
  const { r, kind, name } = ctx;
  const o = new Out();
  o.add(0, `apiVersion: ${API_VERSION[kind]}`);
  o.add(0, `kind: ${kind}`);
  o.add(0, 'metadata:');
  o.add(2, `name: ${name}`);
  o.add(2, `namespace: ${ctx.namespace}`);
  labels(o, 2, ctx, r.chance(0.25));
  if (r.chance(0.4)) {
    o.add(2, 'annotations:');
    o.add(4, `example.com/owner: ${ctx.team}`);
    if (r.chance(0.5)) o.add(4, `example.com/runbook: "https://runbooks.example.com/${ctx.app}"`);
  }
  if (kind === 'Pod') {
    o.add(0, 'spec:');
    podSpec(o, 2, ctx);
    return o.lines.join('\n') + '\n';
  }
  o.add(0, 'spec:');
  let t = 2; // indentation of `template:`
  if (kind === 'CronJob') {
    o.add(2, `schedule: "${r.int(0, 59)} ${r.pick(['*', '*/6', '3', '0'])} * * *"`);
    o.add(2, `concurrencyPolicy: ${r.pick(['Forbid', 'Replace', 'Allow'])}`);
    o.add(2, 'successfulJobsHistoryLimit: 3');
    o.add(2, 'jobTemplate:');
    o.add(4, 'spec:');
    o.add(6, `backoffLimit: ${r.int(0, 6)}`);
    t = 6;
  } else if (kind === 'Job') {
    o.add(2, `backoffLimit: ${r.int(0, 6)}`);
    if (r.chance(0.5)) o.add(2, `ttlSecondsAfterFinished: ${r.pick([300, 3600, 86400])}`);
    if (r.chance(0.3)) o.add(2, `parallelism: ${r.int(1, 8)}`);
  } else {
    if (kind !== 'DaemonSet') o.add(2, `replicas: ${r.int(1, 6)}`);
    if (kind === 'StatefulSet') o.add(2, `serviceName: ${name}`);
    o.add(2, 'selector:');
    o.add(4, 'matchLabels:');
    o.add(6, `app.kubernetes.io/instance: ${name}`);
    if (kind === 'Deployment' && r.chance(0.5)) {
      o.add(2, 'strategy:');
      o.add(4, 'type: RollingUpdate');
      o.add(4, `rollingUpdate: {maxSurge: 25%, maxUnavailable: ${r.pick([0, 1])}}`);
    }
  }
  o.add(t, 'template:');
  o.add(t + 2, 'metadata:');
  labels(o, t + 4, ctx, r.chance(0.5));
  if (ctx.profile === 'privileged' && r.chance(0.25)) {
    // The pre-1.30 AppArmor annotation: baseline forbids unconfined.
    o.add(t + 4, 'annotations:');
    o.add(t + 6, `container.apparmor.security.beta.kubernetes.io/${ctx.app}: unconfined`);
  } else if (r.chance(0.3)) {
    o.add(t + 4, 'annotations:');
    o.add(t + 6, `prometheus.io/scrape: "true"`);
    o.add(t + 6, `prometheus.io/port: "${r.pick([8080, 9090, 9102])}"`);
  }
  o.add(t + 2, 'spec:');
  podSpec(o, t + 4, ctx);
  if (kind === 'StatefulSet') {
    o.add(2, 'volumeClaimTemplates:');
    o.add(4, '- metadata:');
    o.add(8, 'name: data');
    o.add(6, 'spec:');
    o.add(8, 'accessModes: ["ReadWriteOnce"]');
    o.add(8, `resources: {requests: {storage: ${r.pick(['1Gi', '10Gi', '50Gi'])}}}`);
  }
  return o.lines.join('\n') + '\n';
}

/** The pod spec's fields at `i` (the indentation of the fields under `spec:`). */
function podSpec(o, i, ctx) {
  const { r, kind, profile } = ctx;
  const hardened = profile === 'restricted';
  // Restricted pods put runAsNonRoot/seccomp at pod level most of the time, per container otherwise.
  const podLevel = hardened && r.chance(0.75);
  ctx.podLevel = podLevel;
  if (kind === 'Job' || kind === 'CronJob') o.add(i, `restartPolicy: ${r.pick(['Never', 'OnFailure'])}`);
  else if (kind === 'Pod' && r.chance(0.5)) o.add(i, 'restartPolicy: Always');
  if (r.chance(0.5)) o.add(i, `serviceAccountName: ${ctx.app}`);
  if (r.chance(0.3)) o.add(i, `terminationGracePeriodSeconds: ${r.pick([10, 30, 60])}`);

  // Privileged-ish pods pick two or three host-level settings from this list.
  const danger = new Set();
  if (profile === 'privileged') {
    const options = ['hostNetwork', 'hostPID', 'hostIPC', 'privileged', 'caps', 'hostPath', 'hostPort', 'seccomp', 'sysctl', 'probeHost', 'procMount', 'selinux'];
    const n = r.int(1, 3);
    while (danger.size < n) danger.add(r.pick(options));
  }
  ctx.danger = danger;
  if (danger.has('hostNetwork')) o.add(i, 'hostNetwork: true');
  if (danger.has('hostPID')) o.add(i, 'hostPID: true');
  if (danger.has('hostIPC')) o.add(i, 'hostIPC: true');

  if (podLevel) {
    o.add(i, 'securityContext:');
    o.add(i + 2, 'runAsNonRoot: true');
    if (r.chance(0.6)) o.add(i + 2, `runAsUser: ${r.pick([1000, 10001, 65532])}`);
    if (r.chance(0.5)) o.add(i + 2, `fsGroup: ${r.pick([1000, 2000, 65532])}`);
    if (r.chance(0.5)) o.add(i + 2, 'seccompProfile: {type: RuntimeDefault}');
    else {
      o.add(i + 2, 'seccompProfile:');
      o.add(i + 4, 'type: RuntimeDefault');
    }
  } else if (profile === 'baseline' && r.chance(0.4)) {
    // Partial hardening that still falls short of restricted.
    o.add(i, 'securityContext:');
    o.add(i + 2, `fsGroup: ${r.pick([1000, 2000])}`);
    if (r.chance(0.5)) o.add(i + 2, 'seccompProfile: {type: RuntimeDefault}');
  } else if (danger.has('seccomp') || danger.has('sysctl') || danger.has('selinux')) {
    o.add(i, 'securityContext:');
    if (danger.has('seccomp')) o.add(i + 2, 'seccompProfile: {type: Unconfined}');
    if (danger.has('sysctl')) {
      o.add(i + 2, 'sysctls:');
      o.add(i + 4, '- {name: net.core.somaxconn, value: "4096"}');
    }
    if (danger.has('selinux')) o.add(i + 2, 'seLinuxOptions: {type: spc_t}');
  }

  if (r.chance(0.15)) {
    o.add(i, 'initContainers:');
    container(o, i, ctx, r.pick(INIT_NAMES), true);
  }
  o.add(i, 'containers:');
  const count = r.weighted([[72, 1], [22, 2], [6, 3]]);
  container(o, i, ctx, ctx.app, false);
  for (let c = 1; c < count; c++) container(o, i, ctx, SIDECARS[(ctx.index + c) % SIDECARS.length], false);

  volumes(o, i, ctx);
  if (r.chance(0.2)) {
    o.add(i, 'nodeSelector:');
    o.add(i + 2, `kubernetes.io/os: linux`);
  }
  if (kind === 'DaemonSet' || r.chance(0.1)) {
    o.add(i, 'tolerations:');
    o.add(i + 2, '- {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}');
  }
}

function image(ctx) {
  const { r } = ctx;
  const [repo, tags] = r.pick(IMAGES);
  return `${repo.replace('{app}', ctx.app).replace('{team}', ctx.team)}:${r.pick(tags)}`;
}

/** One `- name: …` container entry under `containers:`/`initContainers:` at indentation i. */
function container(o, i, ctx, name, init) {
  const { r, profile, danger } = ctx;
  const main = !init && name === ctx.app; // the app container gets the full treatment
  const c = i + 4; // container fields: `- ` at i + 2, fields at i + 4
  o.add(i + 2, `- name: ${name}`);
  o.add(c, `image: ${image(ctx)}`);
  if (main && r.chance(0.3)) o.add(c, `imagePullPolicy: ${r.pick(['IfNotPresent', 'Always'])}`);
  if (init) o.add(c, `command: ["/bin/sh", "-c", "echo preparing ${ctx.name}"]`);
  else if (main && r.chance(0.3)) o.add(c, 'args: ["--config", "/etc/app/config.yaml"]');
  const port = r.pick([8080, 8443, 9090, 3000, 5432, 6379]);
  if (main) {
    o.add(c, 'ports:');
    if (r.chance(0.4)) o.add(c + 2, `- {name: http, containerPort: ${port}, protocol: TCP}`);
    else {
      o.add(c + 2, '- name: http');
      o.add(c + 4, `containerPort: ${port}`);
    }
    if (danger.has('hostPort')) o.add(c + 2, `- {name: host, containerPort: ${port + 1}, hostPort: ${port + 1}}`);
  }
  const envs = main ? r.weighted([[25, 0], [35, 1], [25, 2], [15, 3]]) : r.int(0, 1);
  if (envs > 0) {
    o.add(c, 'env:');
    const start = r.int(0, ENV_NAMES.length - 1);
    for (let e = 0; e < envs; e++) {
      const [env, value] = ENV_NAMES[(start + e) % ENV_NAMES.length];
      if (r.chance(0.25)) {
        o.add(c + 2, `- name: ${env}`);
        o.add(c + 4, 'valueFrom:');
        o.add(c + 6, `configMapKeyRef: {name: ${ctx.app}-config, key: ${env.toLowerCase()}}`);
      } else if (r.chance(0.4)) o.add(c + 2, `- {name: ${env}, value: "${value}"}`);
      else {
        o.add(c + 2, `- name: ${env}`);
        o.add(c + 4, `value: "${value}"`);
      }
    }
  }
  const cpu = r.pick(['50m', '100m', '250m', '500m', '1']);
  const mem = r.pick(['64Mi', '128Mi', '256Mi', '512Mi', '1Gi']);
  if (!main || r.chance(0.5)) o.add(c, `resources: {requests: {cpu: ${cpu}, memory: ${mem}}, limits: {memory: ${mem}}}`);
  else {
    o.add(c, 'resources:');
    o.add(c + 2, 'requests:');
    o.add(c + 4, `cpu: ${cpu}`);
    o.add(c + 4, `memory: ${mem}`);
    o.add(c + 2, 'limits:');
    o.add(c + 4, `memory: ${mem}`);
  }
  const probeHost = main && danger.has('probeHost');
  if (probeHost || (main && r.chance(0.75))) probes(o, c, ctx, port, probeHost);
  o.add(c, 'volumeMounts:');
  if (main && r.chance(0.5)) o.add(c + 2, '- {name: config, mountPath: /etc/app, readOnly: true}');
  else if (main) {
    o.add(c + 2, '- name: config');
    o.add(c + 4, 'mountPath: /etc/app');
    o.add(c + 4, 'readOnly: true');
  }
  o.add(c + 2, `- {name: tmp, mountPath: /tmp}`);
  if (main && danger.has('hostPath')) o.add(c + 2, '- {name: host-logs, mountPath: /host/var/log, readOnly: true}');
  if (main && ctx.kind === 'StatefulSet') o.add(c + 2, '- {name: data, mountPath: /var/lib/data}');
  securityContext(o, c, ctx, main, init, profile);
}

function probes(o, c, ctx, port, withHost) {
  const { r } = ctx;
  const style = withHost ? r.pick(['http', 'tcp']) : r.pick(['http', 'tcp', 'exec']);
  o.add(c, 'readinessProbe:');
  if (style === 'http' && !withHost && r.chance(0.5)) {
    o.add(c + 2, `httpGet: {path: /healthz/ready, port: ${port}}`);
  } else if (style === 'http') {
    o.add(c + 2, 'httpGet:');
    o.add(c + 4, 'path: /healthz/ready');
    o.add(c + 4, `port: ${port}`);
    if (withHost) o.add(c + 4, 'host: 169.254.169.254'); // baseline (v1.32+): probes must not set host
  } else if (style === 'tcp') {
    o.add(c + 2, `tcpSocket: {port: ${port}${withHost ? ', host: 10.0.0.1' : ''}}`);
  } else {
    o.add(c + 2, 'exec:');
    o.add(c + 4, 'command: ["cat", "/tmp/ready"]');
  }
  o.add(c + 2, `periodSeconds: ${r.pick([5, 10, 15])}`);
  if (r.chance(0.5)) {
    o.add(c, 'livenessProbe:');
    o.add(c + 2, `httpGet: {path: /healthz/live, port: ${port}}`);
    o.add(c + 2, `initialDelaySeconds: ${r.pick([5, 10, 30])}`);
    o.add(c + 2, 'failureThreshold: 3');
  }
}

function securityContext(o, c, ctx, main, init, profile) {
  const { r, danger } = ctx;
  if (profile === 'restricted') {
    o.add(c, 'securityContext:');
    o.add(c + 2, 'allowPrivilegeEscalation: false');
    if (!ctx.podLevel) {
      o.add(c + 2, 'runAsNonRoot: true');
      o.add(c + 2, 'seccompProfile: {type: RuntimeDefault}');
    }
    if (r.chance(0.6)) o.add(c + 2, 'readOnlyRootFilesystem: true');
    if (r.chance(0.5)) o.add(c + 2, 'capabilities: {drop: ["ALL"]}');
    else {
      o.add(c + 2, 'capabilities:');
      o.add(c + 4, 'drop:');
      o.add(c + 6, '- ALL');
      if (r.chance(0.2)) o.add(c + 4, 'add: ["NET_BIND_SERVICE"]');
    }
    return;
  }
  if (profile === 'baseline') {
    const style = r.int(0, 3);
    if (style === 0) return; // nothing at all: the most common real-world case
    o.add(c, 'securityContext:');
    if (style === 1) o.add(c + 2, `runAsUser: ${r.pick([0, 1000, 101])}`);
    if (style === 2) o.add(c + 2, `capabilities: {add: [${r.pick(SAFE_CAPS)}]}`);
    if (style === 3) o.add(c + 2, 'allowPrivilegeEscalation: true');
    o.add(c + 2, `readOnlyRootFilesystem: ${r.chance(0.5)}`);
    return;
  }
  // privileged-ish: the main container carries the container-level dangers; others stay plain.
  const lines = [];
  if (main && danger.has('privileged')) lines.push('privileged: true');
  if (main && danger.has('caps')) lines.push(`capabilities: {add: [${r.pick(DANGEROUS_CAPS)}, ${r.pick(SAFE_CAPS)}]}`);
  if (main && danger.has('procMount')) lines.push('procMount: Unmasked');
  if (!init && r.chance(0.3)) lines.push('runAsUser: 0');
  if (lines.length === 0) return;
  o.add(c, 'securityContext:');
  for (const line of lines) o.add(c + 2, line);
}

function volumes(o, i, ctx) {
  const { r, profile, danger } = ctx;
  o.add(i, 'volumes:');
  o.add(i + 2, '- name: config');
  if (r.chance(0.8)) o.add(i + 4, `configMap: {name: ${ctx.app}-config}`);
  else {
    o.add(i + 4, 'projected:');
    o.add(i + 6, 'sources:');
    o.add(i + 8, `- configMap: {name: ${ctx.app}-config}`);
    o.add(i + 8, `- secret: {name: ${ctx.app}-credentials}`);
  }
  o.add(i + 2, '- name: tmp');
  o.add(i + 4, r.chance(0.5) ? 'emptyDir: {}' : `emptyDir: {sizeLimit: ${r.pick(['64Mi', '256Mi'])}}`);
  if (danger.has('hostPath')) {
    o.add(i + 2, '- name: host-logs');
    o.add(i + 4, 'hostPath:');
    o.add(i + 6, `path: ${r.pick(['/var/log', '/var/lib/docker/containers', '/'])}`);
  }
  if (profile === 'baseline' && r.chance(0.2)) {
    // Allowed by baseline, not one of the volume types restricted permits.
    o.add(i + 2, '- name: shared');
    o.add(i + 4, `nfs: {server: nfs.${ctx.namespace}.svc, path: /exports/${ctx.app}}`);
  }
}

function service(ctx) {
  const { r } = ctx;
  const lines = [
    '# Service for the workload above',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${ctx.name}`,
    `  namespace: ${ctx.namespace}`,
    '  labels:',
    `    app.kubernetes.io/name: ${ctx.app}`,
    'spec:',
    `  type: ${r.pick(['ClusterIP', 'ClusterIP', 'NodePort'])}`,
    '  selector:',
    `    app.kubernetes.io/instance: ${ctx.name}`,
    '  ports:',
    `    - {name: http, port: 80, targetPort: http}`,
  ];
  if (ctx.kind === 'StatefulSet') lines.push('  clusterIP: None  # headless, for stable pod DNS names');
  return lines.join('\n') + '\n';
}

function configMap(ctx) {
  const { r } = ctx;
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${ctx.name}-config`,
    `  namespace: ${ctx.namespace}`,
    'data:',
    `  log_level: ${r.pick(['info', 'debug', 'warn'])}`,
    '  config.yaml: |',
    '    server:',
    `      port: ${r.pick([8080, 8443])}`,
    `      timeout: ${r.pick(['5s', '30s'])}`,
    '    # a comment inside a block scalar is just text',
    '    features: [search, recommendations]',
    '',
  ].join('\n');
}

// ---- command line ----

function parseCli(argv) {
  const opts = { seed: 1, workloads: 3000, includeNoise: true, out: undefined, files: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--seed':
        opts.seed = Number(value());
        break;
      case '--workloads':
        opts.workloads = Number(value());
        break;
      case '--out':
        opts.out = value();
        break;
      case '--files':
        opts.files = value();
        break;
      case '--no-noise':
        opts.includeNoise = false;
        break;
      case '-h':
      case '--help':
        console.log('usage: node bench/generate.mjs [--workloads N] [--seed S] [--no-noise] [--out FILE | --files DIR]');
        process.exit(0);
      // falls through (unreachable)
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
  if (!Number.isInteger(opts.workloads) || opts.workloads < 0) throw new Error('--workloads must be a non-negative integer');
  if (opts.out && opts.files) throw new Error('use either --out or --files, not both');
  return opts;
}

function cli() {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`generate: ${e.message}`);
    process.exit(2);
  }
  if (opts.files) {
    mkdirSync(opts.files, { recursive: true });
    const units = generateUnits(opts);
    const width = String(Math.max(units.length - 1, 0)).length;
    let bytes = 0;
    for (const [n, unit] of units.entries()) {
      const text = unit.yaml;
      bytes += Buffer.byteLength(text);
      writeFileSync(join(opts.files, `${String(n).padStart(width, '0')}-${unit.name}.yaml`), text);
    }
    console.error(`generate: ${units.length} workloads in ${units.length} files under ${opts.files} (${bytes} bytes)`);
    return;
  }
  const text = generateCorpus(opts);
  if (opts.out) {
    writeFileSync(opts.out, text);
    console.error(`generate: ${opts.workloads} workloads, ${countLines(text)} lines, ${Buffer.byteLength(text)} bytes -> ${opts.out}`);
  } else process.stdout.write(text);
}

export function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) cli();
