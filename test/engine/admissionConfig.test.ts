import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exemptionFor, isAdmissionConfigText, parseAdmissionConfig, type Exemptions } from '../../shared/src/policy/admissionConfig';
import { LEVELS, renderLevelVersion } from '../../shared/src/policy/levelVersion';

/** pod-security-admission.md §4 (configuration) and §5 (exemptions). */

const URI = 'file:///cluster/admission.yaml';
const PSC_V1 = 'pod-security.admission.config.k8s.io/v1';
const PSC_VERSIONS = ['pod-security.admission.config.k8s.io/v1alpha1', 'pod-security.admission.config.k8s.io/v1beta1', PSC_V1];
const AC_VERSIONS = ['apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v1alpha1', 'apiserver.k8s.io/v1alpha1'];

/** A bare PodSecurityConfiguration; `body` lines start at column 0. */
const psc = (body = '', apiVersion = PSC_V1) => `apiVersion: ${apiVersion}\nkind: PodSecurityConfiguration\n${body}`;
/** An AdmissionConfiguration whose `plugins:` list is `plugins` (lines start at column 0). */
const ac = (plugins: string, apiVersion = AC_VERSIONS[0] ?? '') => `apiVersion: ${apiVersion}\nkind: AdmissionConfiguration\nplugins:\n${plugins}`;
/** The PodSecurity plugin entry holding `config` inline. */
const inline = (config: string) => `- name: PodSecurity\n  configuration:\n${indent(config, '    ')}`;
const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');

// The message texts, built once so the table stays readable; the literal test below spells each out.
const STOP = '. The API server would not start with this file';
const LEVEL = 'must be one of privileged, baseline, restricted';
const VERSION = 'must be "latest" or "v1.x"';
const LABEL_RULE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const unknownField = (path: string) => `strict decoding error: unknown field "${path}"${STOP}; podsec ignores it.`;
const duplicateField = (path: string) => `strict decoding error: duplicate field "${path}"${STOP}; podsec uses the last one.`;
const badDefault = (key: string, value: string, rule: string, fallback: string) =>
  `defaults.${key}: Invalid value: "${value}": ${rule}${STOP} (PodSecurity configuration error: ${key}: ${rule}); podsec uses ${fallback}.`;
const invalid = (field: string, value: string, detail: string) => `exemptions.${field}: Invalid value: "${value}": ${detail}${STOP} (PodSecurity invalid); podsec ignores this entry.`;
const duplicate = (field: string, value: string) => `exemptions.${field}: Duplicate value: "${value}"${STOP} (PodSecurity invalid).`;
const wrongType = (path: string, what: string, instead: string) => `${path} must be ${what}${STOP}; podsec ${instead}.`;
const KIND_MISSING = (as: string) => `Object 'Kind' is missing${STOP}; podsec reads it as kind ${as}.`;
const VERSION_MISSING = `Object 'apiVersion' is missing${STOP}.`;
const PATH_NOT_FOLLOWED = (path: string) =>
  `PodSecurity reads its configuration from "${path}", a file podsec does not follow: the configuration is unknown, so podsec uses the built-in defaults (privileged:latest) and no exemptions.`;

interface Case {
  readonly name: string;
  readonly text: string;
  /** enforce, audit, warn; privileged:latest ×3 when omitted. */
  readonly pairs?: readonly [string, string, string];
  readonly exemptions?: Partial<Exemptions>;
  readonly apiVersion?: string;
  /** [text under the range, message], in the order reported. */
  readonly problems?: ReadonlyArray<readonly [string, string]>;
}

const PRIVILEGED3 = ['privileged:latest', 'privileged:latest', 'privileged:latest'] as const;

function run(text: string) {
  const { config, problems } = parseAdmissionConfig(text, URI);
  const d = config.defaults;
  return {
    pairs: [renderLevelVersion(d.enforce), renderLevelVersion(d.audit), renderLevelVersion(d.warn)],
    exemptions: config.exemptions,
    apiVersion: config.apiVersion,
    problems: problems.map((p) => [text.slice(p.range[0], p.range[1]), p.message] as const),
    raw: problems,
    config,
  };
}

function check(c: Case): void {
  const r = run(c.text);
  assert.deepEqual(r.problems, c.problems ?? []);
  assert.deepEqual(r.pairs, c.pairs ?? PRIVILEGED3);
  assert.deepEqual(r.exemptions, { namespaces: [], runtimeClasses: [], usernames: [], ...c.exemptions });
  assert.equal(r.apiVersion, c.apiVersion ?? PSC_V1);
  for (const p of r.raw) {
    assert.equal(p.severity, 'error');
    // Configuration errors, or the file cannot be decoded as YAML (yaml/parse.ts).
    assert.ok(p.code === 'admission-config' || p.code === 'yaml-syntax' || p.code === 'bad-alias', p.code);
    assert.ok(p.range[1] > p.range[0], `empty range for ${p.message}`);
  }
}

function table(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

const FULL = 'defaults:\n  enforce: baseline\n  enforce-version: v1.30\n  audit: restricted\n  audit-version: latest\n  warn: restricted\n  warn-version: v1.99\nexemptions:\n  usernames: [system:serviceaccount:ci:deployer]\n  runtimeClasses: [kata.io]\n  namespaces: [kube-system]\n';
const FULL_PAIRS = ['baseline:v1.30', 'restricted:latest', 'restricted:v1.99'] as const;
const FULL_EXEMPTIONS = { usernames: ['system:serviceaccount:ci:deployer'], runtimeClasses: ['kata.io'], namespaces: ['kube-system'] };

table('kinds and apiVersions (§4.1, §4.2)', [
  ...PSC_VERSIONS.map((v): Case => ({ name: `bare ${v}`, text: psc(FULL, v), pairs: FULL_PAIRS, exemptions: FULL_EXEMPTIONS, apiVersion: v })),
  ...AC_VERSIONS.map((v): Case => ({ name: `AdmissionConfiguration ${v}, inline v1beta1`, text: ac(inline(psc(FULL, PSC_VERSIONS[1])), v), pairs: FULL_PAIRS, exemptions: FULL_EXEMPTIONS, apiVersion: PSC_VERSIONS[1] })),
  {
    name: 'the spec example',
    text: ac('- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults:\n      enforce: baseline\n      enforce-version: latest\n      audit: restricted\n      audit-version: latest\n      warn: restricted\n      warn-version: latest\n    exemptions:\n      usernames: []\n      runtimeClasses: []\n      namespaces: [kube-system]\n'),
    pairs: ['baseline:latest', 'restricted:latest', 'restricted:latest'],
    exemptions: { namespaces: ['kube-system'] },
  },
  {
    name: 'JSON',
    text: '{"apiVersion": "pod-security.admission.config.k8s.io/v1beta1", "kind": "PodSecurityConfiguration", "defaults": {"enforce": "restricted"}, "exemptions": {"namespaces": ["a"]}}',
    pairs: ['restricted:latest', 'privileged:latest', 'privileged:latest'],
    exemptions: { namespaces: ['a'] },
    apiVersion: PSC_VERSIONS[1],
  },
  { name: 'only the first document counts', text: psc('defaults:\n  enforce: baseline\n') + '---\nkind: Foo\n', pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'] },
]);

table('the PodSecurity plugin entry (§4.1)', [
  {
    name: 'other plugins around it',
    text: ac('- name: EventRateLimit\n  path: eventconfig.yaml\n' + inline(psc('defaults:\n  enforce: restricted\n')) + '- name: ImagePolicyWebhook\n  configuration: {foo: 1}\n'),
    pairs: ['restricted:latest', 'privileged:latest', 'privileged:latest'],
  },
  { name: 'a path entry is not followed', text: ac('- name: PodSecurity\n  path: /etc/kubernetes/psa.yaml\n'), problems: [['/etc/kubernetes/psa.yaml', PATH_NOT_FOLLOWED('/etc/kubernetes/psa.yaml')]] },
  { name: 'configuration wins over path', text: ac(inline(psc('defaults:\n  warn: baseline\n')) + '  path: psa.yaml\n'), pairs: ['privileged:latest', 'privileged:latest', 'baseline:latest'] },
  { name: 'a null configuration falls to path', text: ac('- name: PodSecurity\n  configuration: null\n  path: psa.yaml\n'), problems: [['psa.yaml', PATH_NOT_FOLLOWED('psa.yaml')]] },
  { name: 'no PodSecurity entry: defaults', text: ac('- name: EventRateLimit\n  path: x.yaml\n') },
  { name: 'no plugins at all: defaults', text: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\n' },
  { name: 'the plugin name is case-sensitive', text: ac(inline(psc('defaults:\n  enforce: restricted\n')).replace('PodSecurity', 'podsecurity')) },
  { name: 'an entry with neither: defaults', text: ac('- name: PodSecurity\n') },
  {
    name: 'the first PodSecurity entry wins',
    text: ac(inline(psc('defaults:\n  enforce: baseline\n')) + inline(psc('defaults:\n  enforce: restricted\n'))),
    pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'],
  },
  {
    name: 'the wrapper is decoded leniently: unknown fields and duplicate keys pass',
    text: ac(inline(psc('defaults:\n  enforce: baseline\n')) + '  extra: 1\n').replace('plugins:', 'unknown: 1\nkind: AdmissionConfiguration\nplugins:'),
    pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'],
  },
  {
    name: 'inline duplicates collapse (last wins) because PSA decodes the JSON the API server made',
    text: ac(inline(psc('defaults:\n  enforce: baseline\n  enforce: restricted\n'))),
    pairs: ['restricted:latest', 'privileged:latest', 'privileged:latest'],
  },
  {
    name: 'inline unknown fields are strict errors, with paths relative to the configuration',
    text: ac(inline(psc('deflaults: {}\ndefaults:\n  enforse: restricted\n'))),
    problems: [['deflaults', unknownField('deflaults')], ['enforse', unknownField('defaults.enforse')]],
  },
  {
    name: 'a plugins list that is not a list',
    text: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins: PodSecurity\n',
    problems: [['PodSecurity', wrongType('plugins', 'a list, not the string "PodSecurity"', 'uses the built-in defaults')]],
  },
  {
    name: 'a plugin entry that is not a map, and a name that is not a string',
    text: ac('- PodSecurity\n- name: 12\n' + inline(psc())),
    problems: [['PodSecurity', wrongType('plugins[0]', 'a map, not the string "PodSecurity"', 'ignores this entry')], ['12', wrongType('plugins[1].name', 'a string, not the number 12', 'ignores this entry')]],
  },
  {
    name: 'an inline configuration that is not a map',
    text: ac('- name: PodSecurity\n  configuration: enforce=restricted\n'),
    problems: [['enforce=restricted', wrongType('plugins[0].configuration', 'a map, not the string "enforce=restricted"', 'uses the built-in defaults')]],
  },
]);

table('defaulting (§4.3)', [
  { name: 'no defaults, no exemptions', text: psc() },
  { name: 'null defaults and exemptions', text: psc('defaults: null\nexemptions: ~\n') },
  { name: 'empty strings are defaulted', text: psc('defaults:\n  enforce: ""\n  enforce-version: ""\n  audit: \'\'\n  audit-version: ""\n  warn: ""\n  warn-version: ""\n') },
  { name: 'null values are defaulted', text: psc('defaults:\n  enforce:\n  enforce-version: null\n  warn: ~\n') },
  { name: 'a version alone keeps privileged', text: psc('defaults:\n  enforce-version: v1.25\n'), pairs: ['privileged:v1.25', 'privileged:latest', 'privileged:latest'] },
  { name: 'a level alone gets latest', text: psc('defaults:\n  audit: baseline\n'), pairs: ['privileged:latest', 'baseline:latest', 'privileged:latest'] },
  { name: 'warn does not follow enforce in the configuration', text: psc('defaults:\n  enforce: restricted\n'), pairs: ['restricted:latest', 'privileged:latest', 'privileged:latest'] },
  { name: 'null list items are empty strings', text: psc('exemptions:\n  usernames:\n  - alice\n  - null\n'), exemptions: { usernames: ['alice'] }, problems: [['null', invalid('usernames[1]', '', 'username must not be empty')]] },
]);

table('strict decoding (§4.4)', [
  { name: 'unknown top-level field', text: psc('deflaults:\n  enforce: restricted\n'), problems: [['deflaults', unknownField('deflaults')]] },
  { name: 'metadata is unknown too', text: psc('metadata:\n  name: x\n'), problems: [['metadata', unknownField('metadata')]] },
  { name: 'unknown nested fields, by path', text: psc('defaults:\n  Enforce: restricted\nexemptions:\n  users: [a]\n'), problems: [['Enforce', unknownField('defaults.Enforce')], ['users', unknownField('exemptions.users')]] },
  {
    name: 'duplicate fields in a file, at every level; the last one is used',
    text: psc('defaults:\n  enforce: baseline\n  enforce: restricted\ndefaults:\n  warn: baseline\n'),
    pairs: ['privileged:latest', 'privileged:latest', 'baseline:latest'],
    problems: [['defaults', duplicateField('defaults')]],
  },
  {
    name: 'duplicate nested field',
    text: psc('exemptions:\n  namespaces: [a]\n  namespaces: [b]\n'),
    exemptions: { namespaces: ['b'] },
    problems: [['namespaces', duplicateField('exemptions.namespaces')]],
  },
  { name: 'apiVersion missing', text: 'kind: PodSecurityConfiguration\ndefaults:\n  enforce: baseline\n', pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'], problems: [['kind', VERSION_MISSING]] },
  { name: 'kind missing', text: `apiVersion: ${PSC_V1}\ndefaults:\n  enforce: baseline\n`, pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'], problems: [['apiVersion', KIND_MISSING('PodSecurityConfiguration')]] },
  { name: 'kind empty', text: `apiVersion: ${PSC_V1}\nkind: ""\n`, problems: [['""', KIND_MISSING('PodSecurityConfiguration')]] },
  { name: 'both missing', text: 'defaults:\n  enforce: baseline\n', pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'], problems: [['defaults', KIND_MISSING('PodSecurityConfiguration')], ['defaults', VERSION_MISSING]] },
  { name: 'an empty map', text: '{}\n', problems: [['{}', KIND_MISSING('PodSecurityConfiguration')], ['{}', VERSION_MISSING]] },
  {
    name: 'unknown version of the group: fields still read',
    text: psc('defaults:\n  enforce: baseline\n', 'pod-security.admission.config.k8s.io/v99'),
    pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'],
    problems: [['pod-security.admission.config.k8s.io/v99', `no kind "PodSecurityConfiguration" is registered for version "pod-security.admission.config.k8s.io/v99"${STOP}; podsec reads its fields anyway.`]],
  },
  {
    name: 'unknown group',
    text: psc('', 'apps/v1alpha1'),
    problems: [['apps/v1alpha1', `no kind "PodSecurityConfiguration" is registered for version "apps/v1alpha1"${STOP}; podsec reads its fields anyway.`]],
  },
  {
    name: 'unknown kind: defaults, nothing read',
    text: `apiVersion: ${PSC_V1}\nkind: PodSecurityConfig\ndefaults:\n  enforce: restricted\n`,
    problems: [['PodSecurityConfig', `no kind "PodSecurityConfig" is registered for version "${PSC_V1}"${STOP}; podsec uses the built-in defaults.`]],
  },
  {
    name: 'AdmissionConfiguration: missing kind is guessed from plugins, unknown version reported',
    text: 'apiVersion: apiserver.config.k8s.io/v2\nplugins:\n' + inline(psc('defaults:\n  enforce: baseline\n')),
    pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'],
    problems: [['apiVersion', KIND_MISSING('AdmissionConfiguration')], ['apiserver.config.k8s.io/v2', `no kind "AdmissionConfiguration" is registered for version "apiserver.config.k8s.io/v2"${STOP}; podsec reads its fields anyway.`]],
  },
  {
    name: 'inline configuration without apiVersion and kind points at its key',
    text: ac(inline('defaults:\n  enforce: baseline\n')),
    pairs: ['baseline:latest', 'privileged:latest', 'privileged:latest'],
    problems: [['configuration', KIND_MISSING('PodSecurityConfiguration')], ['configuration', VERSION_MISSING]],
  },
  {
    name: 'YAML 1.1 booleans and numbers are not strings',
    text: psc('defaults:\n  enforce: yes\n  enforce-version: 1.25\n'),
    problems: [['yes', wrongType('defaults.enforce', 'a string, not the boolean true', 'uses the built-in default')], ['1.25', wrongType('defaults.enforce-version', 'a string, not the number 1.25', 'uses the built-in default')]],
  },
  {
    name: 'wrong shapes',
    text: psc('defaults: [enforce]\nexemptions:\n  namespaces: kube-system\n  usernames:\n  - 42\n  - bob\n'),
    exemptions: { usernames: ['bob'] },
    problems: [
      ['defaults', wrongType('defaults', 'a map, not a list', 'uses the built-in defaults for it')],
      ['kube-system', wrongType('exemptions.namespaces', 'a list, not the string "kube-system"', 'uses an empty list')],
      ['42', wrongType('exemptions.usernames[0]', 'a string, not the number 42', 'ignores this entry')],
    ],
  },
  { name: 'a root that is not a map', text: '- a\n- b\n', problems: [['- a\n- b', `the configuration must be a map, not a list${STOP}; podsec uses the built-in defaults.`]] },
  { name: 'comments only', text: '# nothing yet\n', problems: [['# nothing yet', `Object 'Kind' is missing${STOP}; podsec uses the built-in defaults.`]] },
]);

table('default policy parse (§4.5 pass 1)', [
  { name: 'invalid enforce level fails to start; privileged used', text: psc('defaults:\n  enforce: Restricted\n'), problems: [['Restricted', badDefault('enforce', 'Restricted', LEVEL, 'privileged')]] },
  { name: 'invalid version; latest used, level kept', text: psc('defaults:\n  audit: baseline\n  audit-version: v1.025\n'), pairs: ['privileged:latest', 'baseline:latest', 'privileged:latest'], problems: [['v1.025', badDefault('audit-version', 'v1.025', VERSION, 'latest')]] },
  {
    name: 'all six, in ToPolicy order (enforce, audit, warn)',
    text: psc('defaults:\n  warn-version: "1.25"\n  warn: strict\n  audit-version: v2.0\n  audit: "restricted "\n  enforce-version: Latest\n  enforce: base\n'),
    problems: [
      ['base', badDefault('enforce', 'base', LEVEL, 'privileged')],
      ['Latest', badDefault('enforce-version', 'Latest', VERSION, 'latest')],
      ['"restricted "', badDefault('audit', 'restricted ', LEVEL, 'privileged')],
      ['v2.0', badDefault('audit-version', 'v2.0', VERSION, 'latest')],
      ['strict', badDefault('warn', 'strict', LEVEL, 'privileged')],
      ['"1.25"', badDefault('warn-version', '1.25', VERSION, 'latest')],
    ],
  },
  { name: 'versions beyond the newest are valid', text: psc('defaults:\n  enforce: baseline\n  enforce-version: v1.9223372036854775807\n'), pairs: ['baseline:v1.9223372036854775807', 'privileged:latest', 'privileged:latest'] },
  { name: 'a version that overflows int64 is not', text: psc('defaults:\n  enforce-version: v1.9223372036854775808\n'), problems: [['v1.9223372036854775808', badDefault('enforce-version', 'v1.9223372036854775808', VERSION, 'latest')]] },
  { name: 'values are Go-quoted', text: psc('defaults:\n  warn: "tab\\there"\n'), problems: [['"tab\\there"', badDefault('warn', 'tab\\there', LEVEL, 'privileged')]] },
]);

const LONG_LABEL = 'a'.repeat(64);
const LONG_SUBDOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`; // 254
const list = (key: string, values: readonly string[]) => psc(`exemptions:\n  ${key}:\n${values.map((v) => `  - ${JSON.stringify(v)}\n`).join('')}`);

table('exemption validation (§4.5 pass 2)', [
  { name: 'valid namespaces, 63 characters is the limit', text: list('namespaces', ['kube-system', '0', 'a'.repeat(63)]), exemptions: { namespaces: ['kube-system', '0', 'a'.repeat(63)] } },
  {
    name: 'invalid namespaces are dropped',
    text: list('namespaces', ['Kube-System', 'a.b', '-a', 'a_b', '']),
    problems: [
      ['"Kube-System"', invalid('namespaces[0]', 'Kube-System', LABEL_RULE)],
      ['"a.b"', invalid('namespaces[1]', 'a.b', LABEL_RULE)],
      ['"-a"', invalid('namespaces[2]', '-a', LABEL_RULE)],
      ['"a_b"', invalid('namespaces[3]', 'a_b', LABEL_RULE)],
      ['""', invalid('namespaces[4]', '', LABEL_RULE)],
    ],
  },
  { name: 'a namespace too long', text: list('namespaces', [LONG_LABEL]), problems: [[`"${LONG_LABEL}"`, invalid('namespaces[0]', LONG_LABEL, 'must be no more than 63 characters')]] },
  {
    name: 'too long and badly formed: both messages, joined',
    text: list('namespaces', [`${LONG_LABEL}-`]),
    problems: [[`"${LONG_LABEL}-"`, invalid('namespaces[0]', `${LONG_LABEL}-`, `must be no more than 63 characters, ${LABEL_RULE}`)]],
  },
  {
    name: 'length is counted in UTF-8 bytes, as Go does',
    text: list('namespaces', ['é'.repeat(32)]),
    problems: [[`"${'é'.repeat(32)}"`, invalid('namespaces[0]', 'é'.repeat(32), `must be no more than 63 characters, ${LABEL_RULE}`)]],
  },
  { name: 'valid runtime classes, dots allowed', text: list('runtimeClasses', ['kata.io', 'gvisor', LONG_SUBDOMAIN.slice(1)]), exemptions: { runtimeClasses: ['kata.io', 'gvisor', LONG_SUBDOMAIN.slice(1)] } },
  {
    name: 'invalid runtime classes',
    text: list('runtimeClasses', ['Kata', 'a..b', '.a', LONG_SUBDOMAIN]),
    problems: [
      ['"Kata"', invalid('runtimeClasses[0]', 'Kata', SUBDOMAIN_RULE)],
      ['"a..b"', invalid('runtimeClasses[1]', 'a..b', SUBDOMAIN_RULE)],
      ['".a"', invalid('runtimeClasses[2]', '.a', SUBDOMAIN_RULE)],
      [`"${LONG_SUBDOMAIN}"`, invalid('runtimeClasses[3]', LONG_SUBDOMAIN, 'must be no more than 253 characters')],
    ],
  },
  { name: 'usernames: anything but empty', text: list('usernames', ['Alice', 'system:serviceaccount:kube-system:x', ' ']), exemptions: { usernames: ['Alice', 'system:serviceaccount:kube-system:x', ' '] } },
  { name: 'an empty username', text: list('usernames', ['']), problems: [['""', invalid('usernames[0]', '', 'username must not be empty')]] },
  {
    name: 'duplicates among valid entries, at the later index',
    text: list('namespaces', ['a', 'b', 'a', 'a']),
    exemptions: { namespaces: ['a', 'b'] },
    problems: [['"a"', duplicate('namespaces[2]', 'a')], ['"a"', duplicate('namespaces[3]', 'a')]],
  },
  {
    name: 'invalid entries are not remembered for duplicates',
    text: list('runtimeClasses', ['X', 'X', 'x', 'x']),
    exemptions: { runtimeClasses: ['x'] },
    problems: [['"X"', invalid('runtimeClasses[0]', 'X', SUBDOMAIN_RULE)], ['"X"', invalid('runtimeClasses[1]', 'X', SUBDOMAIN_RULE)], ['"x"', duplicate('runtimeClasses[3]', 'x')]],
  },
  { name: 'empty usernames are never duplicates', text: list('usernames', ['', '', 'u', 'u']), exemptions: { usernames: ['u'] }, problems: [['""', invalid('usernames[0]', '', 'username must not be empty')], ['""', invalid('usernames[1]', '', 'username must not be empty')], ['"u"', duplicate('usernames[3]', 'u')]] },
  {
    name: 'order: namespaces, then runtimeClasses, then usernames, whatever the text order',
    text: psc('exemptions:\n  usernames: [""]\n  runtimeClasses: [A]\n  namespaces: [B]\n'),
    problems: [['B', invalid('namespaces[0]', 'B', LABEL_RULE)], ['A', invalid('runtimeClasses[0]', 'A', SUBDOMAIN_RULE)], ['""', invalid('usernames[0]', '', 'username must not be empty')]],
  },
  {
    name: 'decoding errors come before validation errors',
    text: psc('exemptions:\n  namespaces: [B]\ndefaults:\n  enforce: x\nextra: 1\n'),
    problems: [['extra', unknownField('extra')], ['x', badDefault('enforce', 'x', LEVEL, 'privileged')], ['B', invalid('namespaces[0]', 'B', LABEL_RULE)]],
  },
]);

table('aliases and merge keys (YAML 1.1, as go-yaml reads them)', [
  {
    name: 'an aliased exemption list points at the alias',
    text: `common: &ns [kube-system, Bad]\n${psc('exemptions:\n  namespaces: *ns\n')}`,
    exemptions: { namespaces: ['kube-system'] },
    problems: [['common', unknownField('common')], ['*ns', invalid('namespaces[1]', 'Bad', LABEL_RULE)]],
  },
  {
    name: 'merged defaults; explicit keys win',
    text: `x-base: &base\n  enforce: baseline\n  warn: baseline\n${psc('defaults:\n  <<: *base\n  warn: restricted\n')}`,
    pairs: ['baseline:latest', 'privileged:latest', 'restricted:latest'],
    problems: [['x-base', unknownField('x-base')]],
  },
  {
    // go-yaml registers an anchor before reading the node's children, so the alias names the
    // map it is in, and decoding fails: the API server would not start with this file.
    name: 'a map merging itself is refused without looping, as go-yaml refuses it',
    text: psc('defaults: &d\n  <<: *d\n  enforce: baseline\n'),
    problems: [['*d', "anchor 'd' value contains itself: Kubernetes cannot decode this document, so it is not evaluated"]],
  },
]);

table('syntax errors and empty input', [
  { name: 'empty text', text: '' },
  { name: 'blank text', text: '  \n\n' },
]);

describe('problem details', () => {
  it('reports a syntax error with the parser code and uses defaults', () => {
    const r = run(psc('defaults:\n  enforce: "restricted\n'));
    assert.ok(r.raw.length > 0);
    assert.ok(r.raw.every((p) => p.code === 'yaml-syntax' && p.severity === 'error'));
    assert.deepEqual(r.pairs, PRIVILEGED3);
  });

  it('spells out every message exactly', () => {
    const text = ac(inline(psc('defaults:\n  enforce: strict\n  enforce-version: v1.025\nexemptions:\n  namespaces: [Kube, ok, ok]\n  runtimeClasses: [A_B]\n  usernames: [""]\n'))) + '- name: X\n';
    assert.deepEqual(run(text).raw.map((p) => p.message), [
      'defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted. The API server would not start with this file (PodSecurity configuration error: enforce: must be one of privileged, baseline, restricted); podsec uses privileged.',
      'defaults.enforce-version: Invalid value: "v1.025": must be "latest" or "v1.x". The API server would not start with this file (PodSecurity configuration error: enforce-version: must be "latest" or "v1.x"); podsec uses latest.',
      "exemptions.namespaces[0]: Invalid value: \"Kube\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'). The API server would not start with this file (PodSecurity invalid); podsec ignores this entry.",
      'exemptions.namespaces[2]: Duplicate value: "ok". The API server would not start with this file (PodSecurity invalid).',
      "exemptions.runtimeClasses[0]: Invalid value: \"A_B\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'). The API server would not start with this file (PodSecurity invalid); podsec ignores this entry.",
      'exemptions.usernames[0]: Invalid value: "": username must not be empty. The API server would not start with this file (PodSecurity invalid); podsec ignores this entry.',
    ]);
    assert.deepEqual(run(psc('deflaults: 1\n')).raw.map((p) => p.message), ['strict decoding error: unknown field "deflaults". The API server would not start with this file; podsec ignores it.']);
    assert.deepEqual(run('kind: PodSecurityConfiguration\n').raw.map((p) => p.message), ["Object 'apiVersion' is missing. The API server would not start with this file."]);
    assert.deepEqual(run(`apiVersion: ${PSC_V1}\n`).raw.map((p) => p.message), ["Object 'Kind' is missing. The API server would not start with this file; podsec reads it as kind PodSecurityConfiguration."]);
  });

  it('gives each default a source: the configuration file, and the value when written', () => {
    const text = psc('defaults:\n  enforce: baseline\n  warn-version: v1.30\n');
    const { config } = parseAdmissionConfig(text, URI);
    const { enforce, warn, audit } = config.defaults.sources ?? {};
    assert.equal(enforce?.description, 'admission configuration defaults.enforce');
    assert.equal(enforce?.uri, URI);
    assert.equal(enforce?.line, 4);
    assert.equal(text.slice(enforce?.range?.[0], enforce?.range?.[1]), 'baseline');
    assert.equal(text.slice(warn?.range?.[0], warn?.range?.[1]), 'v1.30');
    assert.deepEqual(audit, { description: 'admission configuration defaults.audit', uri: URI });
    assert.deepEqual(parseAdmissionConfig('').config.defaults.sources?.enforce, { description: 'admission configuration defaults.enforce' });
  });

  it('never throws and always returns a valid configuration', () => {
    const sample = ac(inline(psc(FULL))) + '- name: PodSecurity\n  path: x\n';
    const inputs = [
      ...Array.from({ length: sample.length + 1 }, (_, i) => sample.slice(0, i)),
      '*a', '&a [*a]', 'a: &a\n  <<: *a\n', '- - - -', '"', ': :', '\t', '\u0000', 'null', '42', '[]', '!!binary AA==',
      psc('exemptions:\n  namespaces: [[a], {b: c}, *x]\n'), psc('defaults: {enforce: {a: 1}}\n'), ac('- name: PodSecurity\n  configuration: []\n'),
    ];
    for (const text of inputs) {
      const { config, problems } = parseAdmissionConfig(text);
      assert.ok(LEVELS.includes(config.defaults.enforce.level) && LEVELS.includes(config.defaults.warn.level) && LEVELS.includes(config.defaults.audit.level), text);
      assert.ok(Array.isArray(config.exemptions.namespaces) && typeof config.apiVersion === 'string', text);
      for (const p of problems) assert.ok(p.range[0] >= 0 && p.range[0] <= p.range[1] && p.range[1] <= text.length, `${JSON.stringify(text)}: ${p.message}`);
    }
  });
});

describe('isAdmissionConfigText', () => {
  const cases: Array<[string, string, boolean]> = [
    ...AC_VERSIONS.map((v): [string, string, boolean] => [`AdmissionConfiguration ${v}`, ac('', v), true]),
    ...PSC_VERSIONS.map((v): [string, string, boolean] => [`PodSecurityConfiguration ${v}`, psc('', v), true]),
    ['a mistyped version of the group', psc('', 'pod-security.admission.config.k8s.io/v99'), true],
    ['JSON', '{"kind": "PodSecurityConfiguration", "apiVersion": "pod-security.admission.config.k8s.io/v1"}', true],
    ['a leading comment', `# cluster config\n${psc()}`, true],
    ['a Deployment', 'apiVersion: apps/v1\nkind: Deployment\n', false],
    ['the kind in another group', 'apiVersion: example.com/v1\nkind: AdmissionConfiguration\n', false],
    ['the kind as a nested value', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  kind: PodSecurityConfiguration\n', false],
    ['only in a later document', `kind: Service\n---\n${psc()}`, false],
    ['no kind', `apiVersion: ${PSC_V1}\n# PodSecurityConfiguration\n`, false],
    ['empty', '', false],
    ['broken YAML', 'kind: PodSecurityConfiguration\n  - [', false],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.equal(isAdmissionConfigText(text), expected));
});

describe('exemptionFor (§5)', () => {
  const ex: Exemptions = { namespaces: ['kube-system', 'ci'], runtimeClasses: ['kata'], usernames: ['alice'] };
  const cases: Array<[string | undefined, string | undefined, 'namespace' | 'runtimeClass' | undefined]> = [
    ['kube-system', undefined, 'namespace'],
    ['ci', 'kata', 'namespace'],
    ['default', 'kata', 'runtimeClass'],
    [undefined, 'kata', 'runtimeClass'],
    ['Kube-System', 'Kata', undefined],
    ['default', undefined, undefined],
    ['', '', undefined],
    ['alice', undefined, undefined],
  ];
  for (const [ns, rc, expected] of cases) it(`${String(ns)} / ${String(rc)} → ${String(expected)}`, () => assert.equal(exemptionFor(ex, ns, rc), expected));

  it('empty never matches, even when listed', () => {
    const odd: Exemptions = { namespaces: [''], runtimeClasses: [''], usernames: [] };
    assert.equal(exemptionFor(odd, '', ''), undefined);
  });
});
