import { testCheck } from '../../../test/support/checkTester';
import { seccompProfile_baseline } from './seccompProfile_baseline';

const POD = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const ANNOTATIONS = 'v1.18';
const FIELDS = 'v1.19';

function annotated(annotations: string[], containers = ['a']): string {
  return `metadata:\n  annotations:\n${annotations.map((a) => `    ${a}\n`).join('')}spec:\n  containers:\n${containers.map((c) => `  - name: ${c}\n`).join('')}`;
}

testCheck(seccompProfile_baseline, {
  valid: [
    { name: 'nothing set', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', ANNOTATIONS, FIELDS, 'latest'] },
    {
      name: 'allowed annotation values',
      yaml: annotated([`${POD}: runtime/default`, `${CONTAINER}a: docker/default`, `${CONTAINER}b: localhost/`, `${CONTAINER}c: localhost/p.json`], ['a', 'b', 'c']),
      versions: ['v1.0', ANNOTATIONS],
    },
    {
      name: 'annotations for names that are not containers are ignored',
      yaml: annotated([`${CONTAINER}ghost: unconfined`, `${CONTAINER}: unconfined`, 'seccomp.security.alpha.kubernetes.io/podx: unconfined']),
      versions: ['v1.0', ANNOTATIONS],
    },
    {
      name: 'annotations are ignored from v1.19',
      yaml: annotated([`${POD}: unconfined`, `${CONTAINER}a: ""`]),
      versions: [FIELDS, 'latest'],
    },
    {
      name: 'fields are ignored before v1.19',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {}\n',
      versions: ['v1.0', ANNOTATIONS],
    },
    {
      name: 'RuntimeDefault and Localhost without a profile name',
      yaml: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: Localhost}\n',
      versions: [FIELDS, 'latest'],
    },
    { name: 'null profile is absent', yaml: 'spec:\n  securityContext:\n    seccompProfile: null\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile:\n' },
  ],
  invalid: [
    {
      name: 'pod annotation unconfined',
      yaml: annotated([`${POD}: ⟦unconfined⟧`]),
      detail: `forbidden annotation ${POD}="unconfined"`,
      messageIds: ['annotation'],
      versions: ['v1.0', ANNOTATIONS],
    },
    {
      name: 'empty annotation values are forbidden; entries sorted, unquoted',
      yaml: annotated([`${POD}: ⟦""⟧`, `${CONTAINER}app: ⟦unconfined⟧`], ['app']),
      detail: `forbidden annotations ${CONTAINER}app="unconfined", ${POD}=""`,
      versions: ['v1.0', ANNOTATIONS],
    },
    {
      name: 'a null annotation is an empty value; the key is underlined',
      yaml: annotated([`⟦${POD}⟧:`]),
      detail: `forbidden annotation ${POD}=""`,
      versions: [ANNOTATIONS],
    },
    {
      name: 'wrong case and other values; every container list; shared names once',
      yaml: annotated(
        [
          `${CONTAINER}i: ⟦Runtime/Default⟧`,
          `${CONTAINER}c: ⟦Localhost/x⟧`,
          `${CONTAINER}e: ⟦"tab\\there"⟧`,
          `${CONTAINER}ok: runtime/default`,
        ],
        ['c', 'c', 'ok'],
      ) + '  initContainers:\n  - name: i\n  ephemeralContainers:\n  - name: e\n',
      detail: `forbidden annotations ${CONTAINER}c="Localhost/x", ${CONTAINER}e="tab\\there", ${CONTAINER}i="Runtime/Default"`,
      versions: [ANNOTATIONS],
    },
    {
      name: 'an unnamed container reads the key with an empty suffix',
      yaml: `metadata:\n  annotations:\n    "${CONTAINER}": ⟦unconfined⟧\nspec:\n  containers:\n  - image: x\n`,
      detail: `forbidden annotation ${CONTAINER}="unconfined"`,
      versions: ['v1.0'],
    },
    {
      name: 'pod field Unconfined',
      yaml: 'spec:\n  securityContext:\n    seccompProfile:\n      type: ⟦Unconfined⟧\n  containers:\n  - name: a\n',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
      messageIds: ['pod'],
      versions: [FIELDS, 'latest', 'v1.99'],
    },
    {
      name: 'pod and containers: empty profile, wrong case; values sorted unique; nothing inherited',
      yaml: [
        'spec:',
        '  securityContext:',
        '    seccompProfile: {type: ⟦Unconfined⟧}',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      ⟦seccompProfile⟧: {}',
        '  - name: ok',
        '    securityContext:',
        '      seccompProfile: {type: RuntimeDefault}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      seccompProfile: {type: ⟦Unconfined⟧}',
        '  ephemeralContainers:',
        '  - name: b',
        '    securityContext:',
        '      seccompProfile: {type: ⟦runtimedefault⟧, localhostProfile: x}',
      ].join('\n'),
      detail: 'pod and containers "a", "b", "b" must not set securityContext.seccompProfile.type to "", "Unconfined", "runtimedefault"',
      messageIds: ['pod', 'container', 'container', 'container'],
      versions: [FIELDS, 'latest'],
    },
  ],
});
