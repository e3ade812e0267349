import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseTargetLevel, NEWEST_MINOR, versionItems, type PickItem, type Picker } from './chooseLevel';

/** A picker that answers each quick pick with the item whose label comes next, recording what it was shown. */
function scripted(...labels: (string | undefined)[]) {
  const shown: { title: string; labels: string[]; descriptions: (string | undefined)[] }[] = [];
  const pick: Picker = async <T>(items: readonly PickItem<T>[], options: { title: string }) => {
    shown.push({ title: options.title, labels: items.map((i) => i.label), descriptions: items.map((i) => i.description) });
    const label = labels[shown.length - 1];
    if (label === undefined) return undefined;
    const item = items.find((i) => i.label === label);
    assert.ok(item, `"${label}" is offered in ${options.title}`);
    return item.value;
  };
  return { pick, shown };
}

describe('chooseTargetLevel', () => {
  it('asks level, version, then target, and writes level:version', async () => {
    const { pick, shown } = scripted('restricted', 'v1.30', 'Workspace');
    assert.deepEqual(await chooseTargetLevel({ pick, hasWorkspace: true }), { value: 'restricted:v1.30', target: 'workspace' });
    assert.deepEqual(shown.map((s) => s.labels.slice(0, 3)), [
      ['privileged', 'baseline', 'restricted'],
      ['latest', `v1.${NEWEST_MINOR}`, `v1.${NEWEST_MINOR - 1}`],
      ['Workspace', 'User'],
    ]);
  });

  it('writes the bare level for latest', async () => {
    const { pick } = scripted('baseline', 'latest', 'User');
    assert.deepEqual(await chooseTargetLevel({ pick, hasWorkspace: true }), { value: 'baseline', target: 'user' });
  });

  it('offers only User settings when no folder is open', async () => {
    const { pick, shown } = scripted('privileged', 'v1.0', 'User');
    assert.deepEqual(await chooseTargetLevel({ pick, hasWorkspace: false }), { value: 'privileged:v1.0', target: 'user' });
    assert.deepEqual(shown[2]?.labels, ['User']);
  });

  for (const step of [0, 1, 2]) {
    it(`stops without a value when pick ${step + 1} is dismissed`, async () => {
      const answers = ['baseline', 'v1.25', 'Workspace'].map((a, i) => (i < step ? a : undefined));
      const { pick, shown } = scripted(...answers);
      assert.equal(await chooseTargetLevel({ pick, hasWorkspace: true }), undefined);
      assert.equal(shown.length, step + 1, 'no pick after the dismissed one');
    });
  }

  it('marks the current level and version', async () => {
    const { pick, shown } = scripted('baseline', 'latest', 'User');
    await chooseTargetLevel({ pick, hasWorkspace: true, current: ' baseline:v1.25 ' });
    assert.deepEqual(shown[0]?.descriptions, [undefined, 'current setting', undefined]);
    assert.equal(shown[1]?.descriptions[shown[1].labels.indexOf('v1.25')], 'current setting');
  });

  it('treats a bare level as latest when marking the current version', async () => {
    const { pick, shown } = scripted('baseline', 'latest', 'User');
    await chooseTargetLevel({ pick, hasWorkspace: true, current: 'restricted' });
    assert.match(shown[1]?.descriptions[0] ?? '', /^current setting · /);
  });

  it('skips the picks a valid preset answers', async () => {
    const { pick, shown } = scripted();
    const choice = await chooseTargetLevel({ pick, hasWorkspace: true, preset: { level: 'baseline', version: 'v1.30', target: 'workspace' } });
    assert.deepEqual(choice, { value: 'baseline:v1.30', target: 'workspace' });
    assert.equal(shown.length, 0);
  });

  it('asks for what a preset gets wrong', async () => {
    const { pick, shown } = scripted('restricted', 'latest', 'User');
    const choice = await chooseTargetLevel({ pick, hasWorkspace: false, preset: { level: 'strict', version: 'v1.025', target: 'workspace' } });
    assert.deepEqual(choice, { value: 'restricted', target: 'user' });
    assert.equal(shown.length, 3, 'an invalid level, version, and a workspace target with no folder are all asked');
  });
});

describe('versionItems', () => {
  it('lists latest, then every minor from the newest down to v1.0', () => {
    const labels = versionItems().map((i) => i.label);
    assert.equal(labels.length, NEWEST_MINOR + 2);
    assert.equal(labels[0], 'latest');
    assert.equal(labels[1], 'v1.37');
    assert.equal(labels.at(-1), 'v1.0');
    assert.ok(labels.every((l) => l === 'latest' || /^v1\.(0|[1-9][0-9]*)$/.test(l)));
  });
});
