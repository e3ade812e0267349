import { testCheck } from '../../../test/support/checkTester';
import { seccompProfile_restricted } from './seccompProfile_restricted';

const UNSET_APP = 'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"';

testCheck(seccompProfile_restricted, {
  valid: [
    {
      name: 'pod RuntimeDefault covers containers',
      yaml: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n  initContainers:\n  - name: i\n    securityContext: {}\n',
      versions: ['v1.19', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'every container Localhost, localhostProfile not inspected',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: Localhost}\n  ephemeralContainers:\n  - name: e\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n',
    },
    {
      name: 'container good overrides pod good',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: Localhost, localhostProfile: p.json}\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n',
    },
    { name: 'no containers, no pod setting', yaml: 'spec: {}\n' },
    { name: 'not run before v1.19', yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: app\n', versions: ['v1.0', 'v1.18'] },
    {
      name: 'annotations are ignored',
      yaml: 'metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\nspec:\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n',
    },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: 'spec:\n  os: {name: windows}\n  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: app\n',
      versions: ['v1.25', 'latest', 'v1.99'],
    },
  ],
  invalid: [
    {
      name: 'unset, no securityContext: points at the name (form 2)',
      yaml: 'spec:\n  containers:\n  - name: ⟦app⟧\n',
      detail: UNSET_APP,
      messageIds: ['unset'],
      versions: ['v1.19', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'unset with securityContext: points at the key; a pod securityContext without a profile does not cover',
      yaml: 'spec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: app\n    ⟦securityContext⟧:\n      runAsNonRoot: true\n',
      detail: UNSET_APP,
    },
    {
      name: 'null seccompProfile is absent: points at its key',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: null\n  containers:\n  - name: app\n    securityContext:\n      ⟦seccompProfile⟧:\n',
      detail: UNSET_APP,
    },
    {
      name: 'form 2 lists implicit containers in visit order',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: ⟦app⟧',
        '  - name: ok',
        '    securityContext: {seccompProfile: {type: RuntimeDefault}}',
        '  initContainers:',
        '  - name: ⟦init⟧',
      ].join('\n'),
      detail: 'pod or containers "init", "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    },
    {
      name: 'pod Unconfined (form 1)',
      yaml: 'spec:\n  securityContext:\n    seccompProfile:\n      type: ⟦Unconfined⟧\n',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
      messageIds: ['podBad'],
      versions: ['v1.19', 'v1.24', 'latest'],
    },
    {
      name: 'pod bad is reported even when every container sets a good type',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: ⟦Unconfined⟧}\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
    },
    {
      name: 'explicit bad setters hide implicit containers',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: ⟦Unconfined⟧}\n  containers:\n  - name: a\n',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
    },
    {
      name: 'empty profile has type "": points at the profile key',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      ⟦seccompProfile⟧: {}\n',
      detail: 'container "a" must not set securityContext.seccompProfile.type to ""',
      messageIds: ['containerBad'],
    },
    {
      name: 'null type is "": points at the type key',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile:\n        ⟦type⟧: null\n',
      detail: 'container "a" must not set securityContext.seccompProfile.type to ""',
    },
    {
      name: 'pod and containers, types sorted and unique (spec example)',
      yaml: [
        'spec:',
        '  securityContext:',
        '    seccompProfile: {type: ⟦Unconfined⟧}',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      ⟦seccompProfile⟧: {}',
        '  - name: implicit',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      seccompProfile: {type: ⟦Unconfined⟧}',
      ].join('\n'),
      detail: 'pod and containers "a", "b" must not set securityContext.seccompProfile.type to "", "Unconfined"',
      messageIds: ['podBad', 'containerBad', 'containerBad'],
    },
    {
      name: 'comparison is case-sensitive',
      yaml: 'spec:\n  securityContext:\n    seccompProfile: {type: ⟦runtimedefault⟧}\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: ⟦localhost⟧}\n',
      detail: 'pod and container "a" must not set securityContext.seccompProfile.type to "localhost", "runtimedefault"',
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: 'spec:\n  os: {name: windows}\n  containers:\n  - name: ⟦app⟧\n',
      detail: UNSET_APP,
      versions: ['v1.19', 'v1.24'],
    },
    {
      name: 'os.name is compared exactly',
      yaml: 'spec:\n  os: {name: Windows}\n  containers:\n  - name: ⟦app⟧\n',
      detail: UNSET_APP,
    },
  ],
});
