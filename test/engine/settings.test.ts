import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/src/settings';
import { formatSize, parseSize } from '../../shared/src/size';

/** Values of every JSON type, to be tried on every setting. */
const ANY: Record<string, unknown> = {
  number: 5,
  negative: -1,
  fraction: 1.5,
  boolean: true,
  'empty array': [],
  'array of strings': ['restricted'],
  'empty object': {},
  object: { level: 'restricted' },
  'odd string': 'nonsense',
};

/** For each setting, the kinds of ANY that are valid values for it. */
const VALID: Record<keyof Settings, readonly string[]> = {
  enforce: [],
  warn: [],
  audit: [],
  namespaceSource: [],
  namespaces: ['empty object'],
  defaultNamespace: ['odd string'],
  admissionConfig: ['odd string'],
  maxFileSize: ['number'],
  maxDiagnostics: ['number'],
  exclude: ['empty array', 'array of strings'],
  podTemplates: ['empty array'],
};

describe('settings of any type', () => {
  for (const name of Object.keys(VALID) as Array<keyof Settings>) {
    for (const [kind, value] of Object.entries(ANY)) {
      if (VALID[name].includes(kind)) continue;
      it(`podsec.${name}: ${kind} gives one message and the default`, () => {
        const { settings, problems } = parseSettings({ [name]: value });
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.ok(problems[0]?.startsWith(`podsec.${name}`), problems[0]);
        assert.deepEqual(settings[name], DEFAULT_SETTINGS[name]);
        assert.deepEqual(settings, DEFAULT_SETTINGS, 'the other settings keep their defaults');
      });
    }
    it(`podsec.${name}: null and a missing value mean the default, silently`, () => {
      assert.deepEqual(parseSettings({ [name]: null }), { settings: DEFAULT_SETTINGS, problems: [] });
      assert.deepEqual(parseSettings({}), { settings: DEFAULT_SETTINGS, problems: [] });
    });
  }

  it('the whole section of the wrong type gives one message and every default', () => {
    for (const raw of [5, 'x', true, [], [{ enforce: 'restricted' }]]) {
      assert.deepEqual(parseSettings(raw), { settings: DEFAULT_SETTINGS, problems: ['podsec settings must be an object; using the defaults'] });
    }
    assert.deepEqual(parseSettings(null), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('several invalid values give one message each and keep the valid ones', () => {
    const { settings, problems } = parseSettings({ enforce: 'restricted', warn: [], maxFileSize: '1 KB', maxDiagnostics: '10', exclude: ['a/**', 3, null] });
    assert.equal(settings.enforce.level, 'restricted');
    assert.equal(settings.maxFileSize, 1024);
    assert.equal(settings.maxDiagnostics, 500);
    assert.deepEqual(settings.exclude, ['a/**']);
    assert.deepEqual(problems, [
      'podsec.warn must be a string like "restricted" or "baseline:v1.30"; using restricted:latest',
      'podsec.maxDiagnostics must be a whole number of at least 1; using 500',
      'podsec.exclude[1] must be a glob pattern (a string); ignoring it',
      'podsec.exclude[2] must be a glob pattern (a string); ignoring it',
    ]);
  });

  it('namespaces with labels that are not strings are dropped one by one', () => {
    const { settings, problems } = parseSettings({ namespaces: { ok: { a: 'b' }, list: [], nested: { a: { b: 'c' } }, nil: null, num: { a: 1 } } });
    assert.deepEqual([...settings.namespaces.keys()], ['ok']);
    assert.equal(problems.length, 4, problems.join('\n'));
  });
});

describe('sizes', () => {
  it('reads bytes and binary units, case-insensitive, with or without a space', () => {
    const table: Array<[unknown, number]> = [
      [1, 1],
      [5_242_880, 5_242_880],
      ['100', 100],
      ['100 B', 100],
      ['512kb', 512 * 1024],
      ['512 KiB', 512 * 1024],
      ['5 MB', 5 * 1024 ** 2],
      ['1.5M', 1.5 * 1024 ** 2],
      ['1 GB', 1024 ** 3],
      [' 2 mib ', 2 * 1024 ** 2],
    ];
    for (const [input, bytes] of table) assert.equal(parseSize(input), bytes, String(input));
  });

  it('refuses zero, negatives, fractions of a byte, unknown units and other types', () => {
    for (const input of [0, -5, 1.5, Number.NaN, Infinity, '', '0', '0.1 B', '-1 MB', '5 TB', '5 MBs', 'MB', '1e6', '5,000', true, null, [], {}]) {
      assert.equal(parseSize(input), undefined, JSON.stringify(input));
    }
  });

  it('formats sizes for messages', () => {
    assert.deepEqual([1, 100, 1024, 1536, 5 * 1024 ** 2, 5_000_000].map(formatSize), ['1 byte', '100 bytes', '1 KB', '1.5 KB', '5 MB', '4.8 MB']);
  });
});
