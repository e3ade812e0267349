import { testCheck } from '../../../test/support/checkTester';
import { appArmorProfile } from './appArmorProfile';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const PLURAL = 'forbidden AppArmor profiles';

testCheck(appArmorProfile, {
  valid: [
    { name: 'nothing set', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    {
      name: 'RuntimeDefault and Localhost without a profile name',
      yaml: 'spec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    securityContext:\n      appArmorProfile: {type: Localhost}\n',
      versions: ['v1.0', 'latest'],
    },
    { name: 'null profile is absent', yaml: 'spec:\n  securityContext:\n    appArmorProfile: null\n  containers:\n  - name: a\n    securityContext:\n      appArmorProfile:\n' },
    {
      name: 'allowed annotation values, for any suffix',
      yaml: [
        'metadata:',
        '  annotations:',
        `    ${PREFIX}a: ""`,
        `    ${PREFIX}b: runtime/default`,
        `    ${PREFIX}c: localhost/`,
        `    ${PREFIX}no-such-container: localhost/my-profile`,
        `    ${PREFIX}d:`,
        'spec:',
        '  containers:',
        '  - name: a',
      ].join('\n'),
      versions: ['v1.0', 'latest'],
    },
    {
      name: 'other annotations are ignored',
      yaml: `metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    apparmor.security.beta.kubernetes.io/a: unconfined\n    x${PREFIX}a: unconfined\nspec:\n  containers:\n  - name: a\n`,
    },
  ],
  invalid: [
    {
      name: 'pod Unconfined',
      yaml: 'spec:\n  securityContext:\n    appArmorProfile:\n      type: ⟦Unconfined⟧\n  containers:\n  - name: a\n',
      detail: 'pod must not set AppArmor profile type to "Unconfined"',
      messageIds: ['pod'],
      versions: ['v1.0', 'latest', 'v1.99'],
    },
    {
      name: 'empty profile and wrong case; values sorted unique; containers in visit order',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      ⟦appArmorProfile⟧: {}',
        '  - name: ok',
        '    securityContext:',
        '      appArmorProfile: {type: RuntimeDefault}',
        '  - name: b',
        '    securityContext:',
        '      appArmorProfile: {type: ⟦runtimedefault⟧, localhostProfile: x}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      appArmorProfile:',
        '        type: ⟦Unconfined⟧',
        '  ephemeralContainers:',
        '  - name: e',
        '    securityContext:',
        '      appArmorProfile: {type: ⟦Unconfined⟧}',
      ].join('\n'),
      detail: 'containers "a", "b", "b", "e" must not set AppArmor profile type to "", "Unconfined", "runtimedefault"',
      reason: PLURAL,
      messageIds: ['container', 'container', 'container', 'container'],
    },
    {
      name: 'one value set by pod and container is singular; nothing is inherited',
      yaml: 'spec:\n  securityContext:\n    appArmorProfile: {type: ⟦Unconfined⟧}\n  containers:\n  - name: a\n    securityContext:\n      appArmorProfile: {type: ⟦Unconfined⟧}\n  - name: b\n',
      detail: 'pod and container "a" must not set AppArmor profile type to "Unconfined"',
    },
    {
      name: 'one annotation',
      yaml: `metadata:\n  annotations:\n    ${PREFIX}web: ⟦unconfined⟧\nspec:\n  containers:\n  - name: web\n`,
      detail: `annotation must not set AppArmor profile type to "${PREFIX}web="unconfined""`,
      messageIds: ['annotation'],
      versions: ['v1.0', 'latest'],
    },
    {
      name: 'forbidden annotation values, sorted byte-wise, for any suffix',
      yaml: [
        'metadata:',
        '  annotations:',
        `    ${PREFIX}b: ⟦Runtime/Default⟧`,
        `    ${PREFIX}A: ⟦docker/default⟧`,
        `    "${PREFIX}": ⟦Localhost/x⟧`,
        `    ${PREFIX}no-such-container: ⟦"unconfined"⟧`,
        'spec:',
        '  containers:',
        '  - name: b',
      ].join('\n'),
      detail:
        `annotations must not set AppArmor profile type to "${PREFIX}="Localhost/x"", "${PREFIX}A="docker/default"", ` +
        `"${PREFIX}b="Runtime/Default"", "${PREFIX}no-such-container="unconfined""`,
      reason: PLURAL,
    },
    {
      name: 'annotation values are Go-quoted, the quote-list around them is not',
      yaml: `metadata:\n  annotations:\n    ${PREFIX}a: ⟦"say \\"hi\\"\\t\\\\ é\\n"⟧\nspec: {}\n`,
      detail: `annotation must not set AppArmor profile type to "${PREFIX}a="say \\"hi\\"\\t\\\\ é\\n""`,
    },
    {
      name: 'pod, container and annotations together',
      yaml: [
        'metadata:',
        '  annotations:',
        `    ${PREFIX}b: ⟦unconfined⟧`,
        `    ${PREFIX}a: ⟦foo⟧`,
        'spec:',
        '  securityContext:',
        '    appArmorProfile: {type: ⟦Unconfined⟧}',
        '  containers:',
        '  - name: web',
        '    securityContext:',
        '      appArmorProfile: {type: ⟦Unconfined⟧}',
      ].join('\n'),
      detail: `pod and container "web" and annotations must not set AppArmor profile type to "Unconfined", "${PREFIX}a="foo"", "${PREFIX}b="unconfined""`,
      reason: PLURAL,
      messageIds: ['annotation', 'annotation', 'pod', 'container'],
    },
    {
      name: 'one type and one annotation are plural',
      yaml: `metadata:\n  annotations:\n    ${PREFIX}a: ⟦unconfined⟧\nspec:\n  containers:\n  - name: a\n    securityContext:\n      appArmorProfile: {type: ⟦Unconfined⟧}\n`,
      detail: `container "a" and annotation must not set AppArmor profile type to "Unconfined", "${PREFIX}a="unconfined""`,
      reason: PLURAL,
    },
  ],
});
