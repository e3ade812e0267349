import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMISSION_CONFIG_SCOPE_KEY } from '../../shared/src/protocol';
import { initializationOptions, settingScope, withAdmissionConfigScope, type SettingInspection } from './trust';

describe('client trust wiring', () => {
  it('tells the server whether the workspace is trusted', () => {
    assert.deepEqual(initializationOptions(false), { isTrusted: false });
    assert.deepEqual(initializationOptions(true), { isTrusted: true });
  });

  it('says a value set in the workspace, a folder or their language sections comes from the workspace', () => {
    const table: Array<[SettingInspection | undefined, 'user' | 'workspace']> = [
      [undefined, 'user'],
      [{}, 'user'],
      [{ globalValue: '/etc/psa.yaml' }, 'user'],
      [{ globalLanguageValue: '/etc/psa.yaml' }, 'user'],
      [{ workspaceValue: 'psa.yaml' }, 'workspace'],
      [{ globalValue: '/etc/psa.yaml', workspaceFolderValue: '../psa.yaml' }, 'workspace'],
      [{ workspaceLanguageValue: '' }, 'workspace'],
      [{ workspaceFolderLanguageValue: 'x' }, 'workspace'],
    ];
    for (const [inspection, scope] of table) assert.equal(settingScope(inspection), scope, JSON.stringify(inspection));
  });

  it('adds the scope to podsec sections (objects) only, per scope URI, overwriting what settings files say', () => {
    const asked: Array<string | undefined> = [];
    const inspect = (scopeUri: string | undefined): SettingInspection => {
      asked.push(scopeUri);
      return scopeUri === 'file:///repo' ? { workspaceValue: '/etc/psa.yaml' } : { globalValue: '/etc/psa.yaml' };
    };
    const items = [{ section: 'podsec', scopeUri: 'file:///repo' }, { section: 'files.exclude', scopeUri: 'file:///repo' }, { section: 'podsec' }, { section: 'podsec', scopeUri: 'file:///other' }, { section: 'podsec' }, { section: 'podsec' }];
    const results = [{ admissionConfig: '/etc/psa.yaml', [ADMISSION_CONFIG_SCOPE_KEY]: 'user' }, { '**/.git': true }, {}, { enforce: 'restricted' }, null, 'odd'];
    assert.deepEqual(withAdmissionConfigScope(items, results, inspect), [
      { admissionConfig: '/etc/psa.yaml', [ADMISSION_CONFIG_SCOPE_KEY]: 'workspace' },
      { '**/.git': true },
      { [ADMISSION_CONFIG_SCOPE_KEY]: 'user' },
      { enforce: 'restricted', [ADMISSION_CONFIG_SCOPE_KEY]: 'user' },
      null,
      'odd',
    ]);
    assert.deepEqual(asked, ['file:///repo', undefined, 'file:///other']);
  });
});
