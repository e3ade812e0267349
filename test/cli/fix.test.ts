import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { BROKEN, PRIVILEGED_POD, RESTRICTED_POD, WEB } from './manifests';

/** WEB after `--fix --level restricted`: every comment, the flow maps and the indentation stay. */
const WEB_FIXED = `# The web tier.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # public
spec:
  template:
    spec:
      # TODO: why?
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: false   # legacy
            capabilities: {drop: [ALL]}
            allowPrivilegeEscalation: false
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
---
apiVersion: v1
kind: Pod
metadata:
  name: logs
spec:
  containers:
  - name: tail
    image: busybox
    volumeMounts:
    - {name: varlog, mountPath: /var/log}
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop:
        - ALL
  volumes:
  - name: varlog
    hostPath: {path: /var/log}   # node logs
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
`;

const WEB_DIFF = `--- a/web.yaml
+++ b/web.yaml
@@ -6,13 +6,18 @@
 spec:
   template:
     spec:
-      hostNetwork: true  # TODO: why?
+      # TODO: why?
       containers:
         - name: web
           image: nginx:1.27
           securityContext:
-            privileged: true   # legacy
-            capabilities: {add: [NET_ADMIN]}
+            privileged: false   # legacy
+            capabilities: {drop: [ALL]}
+            allowPrivilegeEscalation: false
+      securityContext:
+        runAsNonRoot: true
+        seccompProfile:
+          type: RuntimeDefault
 ---
 apiVersion: v1
 kind: Pod
@@ -24,6 +29,15 @@
     image: busybox
     volumeMounts:
     - {name: varlog, mountPath: /var/log}
+    securityContext:
+      allowPrivilegeEscalation: false
+      capabilities:
+        drop:
+        - ALL
   volumes:
   - name: varlog
     hostPath: {path: /var/log}   # node logs
+  securityContext:
+    runAsNonRoot: true
+    seccompProfile:
+      type: RuntimeDefault
`;

const PRIVILEGED_POD_FIXED = PRIVILEGED_POD.replace('privileged: true', 'privileged: false');

/** A moment long past, so "not rewritten" is visible in the modification time without waiting. */
const LONG_AGO = new Date('2001-02-03T04:05:06Z');

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function json(stdout: string) {
  return JSON.parse(stdout) as { files: Array<{ path: string; objects: Array<{ violations: Array<{ check: string }> }>; errors: Array<{ message: string; code: string }>; notes: Array<{ message: string; code: string }> }>; summary: { violations: number; errors: number } };
}

describe('podsec check --fix', () => {
  it('rewrites a file to exactly the fixed bytes, comments and styles kept, and reports what is left', () => {
    const dir = tempTree({ 'web.yaml': WEB });
    const r = runCli(['check', '--fix', '--level', 'restricted', 'web.yaml'], { cwd: dir });
    assert.equal(read(join(dir, 'web.yaml')), WEB_FIXED);
    assert.equal(r.stderr, 'podsec: fixed 11 findings in 1 file\n');
    // The hostPath volume has only an unsafe fix: it remains, and so does the rejection.
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      'web.yaml:39:5: error: restricted volume types: volume "varlog" uses restricted volume type "hostPath" (enforce restricted:latest) [restrictedVolumes]\n' +
        '✗ 2 workloads in 1 file, 1 rejected by enforce, 1 violation\n',
    );
  });

  it('exits 0 when everything that was rejected got fixed', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    const r = runCli(['check', '--fix', '--level', 'baseline', join(dir, 'pod.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD_FIXED);
  });

  it('keeps the file mode and replaces the file by a rename', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    const path = join(dir, 'pod.yaml');
    chmodSync(path, 0o640);
    const before = statSync(path);
    runCli(['check', '--fix', '--level', 'baseline', path]);
    const after = statSync(path);
    assert.equal(after.mode & 0o7777, 0o640);
    assert.notEqual(after.ino, before.ino, 'a new file renamed over the old one, never the old one truncated');
    assert.deepEqual(readdirSync(dir), ['pod.yaml'], 'no temporary file is left behind');
  });

  it('leaves files with nothing safe to fix untouched: same inode, same modification time', () => {
    const dir = tempTree({ 'clean.yaml': RESTRICTED_POD, 'hostpath.yaml': WEB.split('---\n')[1] ?? '', 'pod.yaml': PRIVILEGED_POD });
    for (const name of ['clean.yaml', 'hostpath.yaml']) utimesSync(join(dir, name), LONG_AGO, LONG_AGO);
    const before = ['clean.yaml', 'hostpath.yaml'].map((name) => statSync(join(dir, name)));
    const r = runCli(['check', '--fix', '--level', 'baseline', dir]);
    assert.equal(r.status, 1, 'the hostPath volume still violates baseline');
    assert.equal(r.stderr, 'podsec: fixed 1 finding in 1 file\n');
    ['clean.yaml', 'hostpath.yaml'].forEach((name, i) => {
      const after = statSync(join(dir, name));
      assert.equal(after.mtimeMs, LONG_AGO.getTime(), name);
      assert.equal(after.ino, before[i]?.ino, name);
    });
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD_FIXED);
  });

  it('fixes with the policy the check uses: namespace labels among the inputs decide what is fixed', () => {
    const ns = (level: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n    pod-security.kubernetes.io/warn: ${level}\n    pod-security.kubernetes.io/audit: ${level}\n`;
    const pod = PRIVILEGED_POD.replace('  name: web\n', '  name: web\n  namespace: shop\n');
    const privileged = tempTree({ 'ns.yaml': ns('privileged'), 'pod.yaml': pod });
    assert.equal(runCli(['check', '--fix', privileged]).status, 0);
    assert.equal(read(join(privileged, 'pod.yaml')), pod, 'a privileged namespace has nothing to fix');
    const baseline = tempTree({ 'ns.yaml': ns('baseline'), 'pod.yaml': pod });
    assert.equal(runCli(['check', '--fix', baseline]).status, 0);
    assert.equal(read(join(baseline, 'pod.yaml')), pod.replace('privileged: true', 'privileged: false'), 'baseline fixes only, no restricted fields added');
  });

  it('keeps CRLF line endings, in changed lines and added ones', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const dir = tempTree({ 'web.yaml': crlf(WEB) });
    const r = runCli(['check', '--fix', '--level', 'restricted', join(dir, 'web.yaml')]);
    assert.equal(r.status, 1);
    assert.equal(read(join(dir, 'web.yaml')), crlf(WEB_FIXED));
  });

  it('keeps a byte order mark', () => {
    const dir = tempTree({ 'pod.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PRIVILEGED_POD)]) });
    assert.equal(runCli(['check', '--fix', '--level', 'baseline', join(dir, 'pod.yaml')]).status, 0);
    assert.deepEqual(readFileSync(join(dir, 'pod.yaml')), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PRIVILEGED_POD_FIXED)]));
  });

  it('writes through a symbolic link to its target and keeps the link', () => {
    const dir = tempTree({ 'real/pod.yaml': PRIVILEGED_POD });
    symlinkSync(join('real', 'pod.yaml'), join(dir, 'link.yaml'));
    const r = runCli(['check', '--fix', '--level', 'baseline', join(dir, 'link.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'link.yaml')), join('real', 'pod.yaml'));
    assert.equal(read(join(dir, 'real/pod.yaml')), PRIVILEGED_POD_FIXED);
    assert.deepEqual(readdirSync(join(dir, 'real')), ['pod.yaml']);
  });

  it('fixes a file reached twice (a folder and a link into it) once, without a conflict', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    symlinkSync('pod.yaml', join(dir, 'same.yaml'));
    const r = runCli(['check', '--fix', '--format', 'json', '--level', 'baseline', dir, join(dir, 'pod.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, 'podsec: fixed 1 finding in 1 file\n');
    const report = json(r.stdout);
    assert.equal(report.files.length, 3);
    assert.equal(report.summary.violations, 0);
    assert.equal(report.summary.errors, 0);
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD_FIXED);
  });

  it('refuses a file with several hard links, which a rename would split', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    linkSync(join(dir, 'pod.yaml'), join(dir, 'other.yaml'));
    const r = runCli(['check', '--fix', '--format', 'json', '--level', 'baseline', join(dir, 'pod.yaml')]);
    assert.equal(r.status, 2);
    const [file] = json(r.stdout).files;
    assert.equal(file?.errors[0]?.code, 'fix-error');
    assert.match(file?.errors[0]?.message ?? '', /^not fixed: it has 2 hard links/);
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD);
    assert.equal(r.stderr, 'podsec: fixed 0 findings in 0 files\n');
  });

  it('reports unreadable files, leaves them alone and still fixes the others', () => {
    const binary = Buffer.from([0x6b, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
    const dir = tempTree({ 'a.yaml': binary, 'b.yaml': PRIVILEGED_POD });
    const r = runCli(['check', '--fix', '--format', 'json', '--level', 'baseline', dir, join(dir, 'missing.yaml')]);
    assert.equal(r.status, 2);
    const report = json(r.stdout);
    assert.match(report.files[0]?.errors[0]?.message ?? '', /not valid UTF-8/);
    assert.match(report.files[2]?.errors[0]?.message ?? '', /no such file/);
    assert.deepEqual(readFileSync(join(dir, 'a.yaml')), binary);
    assert.equal(read(join(dir, 'b.yaml')), PRIVILEGED_POD_FIXED);
  });

  it('reports a file it has no permission to read', { skip: process.getuid?.() === 0 && 'root reads every file' }, () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    chmodSync(join(dir, 'pod.yaml'), 0o000);
    const r = runCli(['check', '--fix', '--format', 'json', join(dir, 'pod.yaml')]);
    chmodSync(join(dir, 'pod.yaml'), 0o644);
    assert.equal(r.status, 2);
    assert.match(json(r.stdout).files[0]?.errors[0]?.message ?? '', /permission denied/);
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD);
  });

  it('leaves a file with a YAML syntax error alone, with a note, even if other documents could be fixed', () => {
    const text = `${PRIVILEGED_POD}---\n${BROKEN}`;
    const dir = tempTree({ 'pod.yaml': text });
    const r = runCli(['check', '--fix', '--format', 'json', '--level', 'baseline', join(dir, 'pod.yaml')]);
    assert.equal(r.status, 2);
    assert.equal(read(join(dir, 'pod.yaml')), text);
    const [file] = json(r.stdout).files;
    assert.deepEqual(file?.notes.map((n) => n.code), ['fix-skipped']);
    assert.equal(file?.errors[0]?.code, 'yaml-syntax');
  });

  it('prints a valid JSON report of the fixed files and the count on stderr', () => {
    const dir = tempTree({ 'web.yaml': WEB });
    const r = runCli(['check', '--fix', '--format', 'json', '--level', 'restricted', join(dir, 'web.yaml')]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'podsec: fixed 11 findings in 1 file\n');
    assert.deepEqual(json(r.stdout).files[0]?.objects.flatMap((o) => o.violations.map((v) => v.check)), ['restrictedVolumes']);
  });

  it('refuses standard input, before reading or writing anything', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    for (const args of [['check', '--fix', '-'], ['check', '--fix', join(dir, 'pod.yaml'), '-'], ['check', '--fix', '--', '-']]) {
      const r = runCli(args, { input: PRIVILEGED_POD });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^podsec: --fix cannot rewrite standard input; use --fix-dry-run to see the changes as a diff\n/);
      assert.equal(r.stdout, '');
    }
    assert.equal(read(join(dir, 'pod.yaml')), PRIVILEGED_POD);
  });
});

describe('podsec check --fix-dry-run', () => {
  it('prints the exact diff on stdout, the report on stderr, writes nothing, and exits as check does', () => {
    const dir = tempTree({ 'web.yaml': WEB, 'clean.yaml': RESTRICTED_POD });
    utimesSync(join(dir, 'web.yaml'), LONG_AGO, LONG_AGO);
    const r = runCli(['check', '--fix-dry-run', '--level', 'restricted', 'clean.yaml', 'web.yaml'], { cwd: dir });
    assert.equal(r.stdout, WEB_DIFF);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^web\.yaml:9:20: error: host namespaces: pod must not set hostNetwork=true/);
    assert.match(r.stderr, /\n✗ 3 workloads in 2 files, 2 rejected by enforce, 12 violations\npodsec: would fix 11 findings in 1 file\n$/);
    assert.equal(read(join(dir, 'web.yaml')), WEB);
    assert.equal(statSync(join(dir, 'web.yaml')).mtimeMs, LONG_AGO.getTime());
    assert.deepEqual(readdirSync(dir).sort(), ['clean.yaml', 'web.yaml']);
  });

  it('prints nothing on stdout and exits 0 when there is nothing to fix', () => {
    const r = runCli(['check', '--fix-dry-run', '-'], { input: RESTRICTED_POD });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /podsec: would fix 0 findings in 0 files\n$/);
  });

  it('reads standard input and names it <stdin> in the diff', () => {
    const r = runCli(['check', '--fix-dry-run', '--level', 'baseline', '-'], { input: PRIVILEGED_POD });
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      '--- a/<stdin>\n+++ b/<stdin>\n@@ -7,4 +7,4 @@\n   - name: web\n     image: nginx\n     securityContext:\n-      privileged: true\n+      privileged: false\n',
    );
  });

  it('names absolute paths as git does, without the leading slash', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    const r = runCli(['check', '--fix-dry-run', '--level', 'baseline', join(dir, 'pod.yaml')]);
    assert.ok(r.stdout.startsWith(`--- a${join(dir, 'pod.yaml')}\n+++ b${join(dir, 'pod.yaml')}\n`), r.stdout);
  });
});

describe('podsec check fix options', () => {
  it('rejects --fix with --fix-dry-run, a value for either, and --fix-dry-run with json or sarif', () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', '--fix', '--fix-dry-run', 'x'], /--fix and --fix-dry-run cannot be combined/],
      [['check', '--fix-dry-run', '--fix', 'x'], /--fix and --fix-dry-run cannot be combined/],
      [['check', '--fix=yes', 'x'], /--fix takes no value/],
      [['check', '--fix-dry-run', '--format', 'json', 'x'], /--fix-dry-run prints a diff, not json/],
      [['check', '--format=sarif', '--fix-dry-run', 'x'], /--fix-dry-run prints a diff, not sarif/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: podsec check/);
      assert.equal(r.stdout, '');
    }
  });

  it('lists --fix and --fix-dry-run in the help', () => {
    const help = runCli(['--help']).stdout;
    assert.match(help, /^ {2}--fix {15}Rewrite each file with its safe fixes/m);
    assert.match(help, /^ {2}--fix-dry-run {7}Print what --fix would change as a unified diff/m);
  });
});
