import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { admissionConfigPath, type AdmissionPathContext } from './admissionPath';

describe('admissionConfigPath', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'podsec-admission-path-')));
  const repo = join(root, 'repo');
  const nested = join(repo, 'nested');
  const outside = join(root, 'outside.yaml');
  mkdirSync(nested, { recursive: true });
  writeFileSync(join(repo, 'psa.yaml'), '');
  writeFileSync(join(nested, 'psa.yaml'), '');
  writeFileSync(outside, '');
  symlinkSync(outside, join(repo, 'link.yaml'));
  const ctx = (over: Partial<AdmissionPathContext> = {}): AdmissionPathContext => ({ trusted: true, scope: 'workspace', folders: [repo, nested], documentPath: join(repo, 'a.yaml'), ...over });
  const refused = (path: string) => ({
    problem: `podsec.admissionConfig: ${path} is outside the workspace; workspace settings may only name files inside it (set it in your user settings to use this file)`,
  });

  it('is nothing when unset, and refused in Restricted Mode whoever set it', async () => {
    assert.deepEqual(await admissionConfigPath('', ctx({ trusted: false })), {});
    for (const scope of ['user', 'workspace'] as const) {
      assert.deepEqual(await admissionConfigPath('psa.yaml', ctx({ trusted: false, scope })), { problem: 'podsec.admissionConfig is ignored in Restricted Mode; trust the workspace to use it' });
    }
  });

  it('resolves a relative path against the innermost folder of the document, else the first folder', async () => {
    assert.deepEqual(await admissionConfigPath('psa.yaml', ctx({ documentPath: join(nested, 'a.yaml') })), { path: join(nested, 'psa.yaml') });
    assert.deepEqual(await admissionConfigPath('psa.yaml', ctx({ documentPath: join(root, 'elsewhere.yaml') })), { path: join(repo, 'psa.yaml') });
    assert.deepEqual(await admissionConfigPath('psa.yaml', ctx({ folders: [], documentPath: undefined })), {
      problem: 'podsec.admissionConfig "psa.yaml" is relative, but there is no workspace folder to resolve it against',
    });
  });

  it('lets a workspace setting name files inside the workspace only, following links', async () => {
    assert.deepEqual(await admissionConfigPath(join(repo, 'psa.yaml'), ctx()), { path: join(repo, 'psa.yaml') });
    assert.deepEqual(await admissionConfigPath('missing.yaml', ctx()), { path: join(repo, 'missing.yaml') }, 'a missing file inside: reading it says it is missing');
    assert.deepEqual(await admissionConfigPath(outside, ctx()), refused(outside));
    assert.deepEqual(await admissionConfigPath('../outside.yaml', ctx()), refused(outside));
    assert.deepEqual(await admissionConfigPath('link.yaml', ctx()), refused(join(repo, 'link.yaml')));
    assert.deepEqual(await admissionConfigPath(join(root, 'missing.yaml'), ctx()), refused(join(root, 'missing.yaml')));
  });

  it('lets a user setting name any file', async () => {
    for (const value of [outside, '../outside.yaml', 'link.yaml', '/nonexistent/psa.yaml']) {
      assert.ok((await admissionConfigPath(value, ctx({ scope: 'user' }))).path, value);
    }
  });
});
