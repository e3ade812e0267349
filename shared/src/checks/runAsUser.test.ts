import { testCheck } from '../../../test/support/checkTester';
import { runAsUser } from './runAsUser';

testCheck(runAsUser, {
  valid: [
    {
      name: 'non-zero everywhere',
      yaml: 'spec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    securityContext:\n      runAsUser: 1\n',
      versions: ['v1.23', 'latest'],
    },
    { name: 'unset everywhere is allowed', yaml: 'spec:\n  securityContext: {}\n  containers:\n  - name: a\n  - name: b\n    securityContext: {}\n' },
    { name: 'null is unset', yaml: 'spec:\n  securityContext:\n    runAsUser: null\n  containers:\n  - name: a\n    securityContext:\n      runAsUser:\n' },
    { name: 'container non-zero with pod unset', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext: {runAsUser: 65534}\n' },
    {
      name: 'not run before v1.23',
      yaml: 'spec:\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: a\n    securityContext: {runAsUser: 0}\n',
      versions: ['v1.0', 'v1.22'],
    },
    {
      name: 'user namespace from v1.35',
      yaml: 'spec:\n  hostUsers: false\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: a\n    securityContext: {runAsUser: 0}\n',
      versions: ['v1.35', 'latest'],
    },
    { name: 'no containers', yaml: 'spec: {}\n' },
  ],
  invalid: [
    {
      name: 'pod 0 is reported even when every container overrides it',
      yaml: 'spec:\n  securityContext:\n    runAsUser: ⟦0⟧\n  containers:\n  - name: a\n    securityContext:\n      runAsUser: 1000\n',
      detail: 'pod must not set runAsUser=0',
      messageIds: ['podZero'],
      versions: ['v1.23', 'v1.34', 'v1.35', 'latest'],
    },
    {
      name: 'container 0',
      yaml: 'spec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    securityContext:\n      runAsUser: ⟦0⟧\n',
      detail: 'container "a" must not set runAsUser=0',
      messageIds: ['containerZero'],
    },
    {
      name: 'pod and containers in visit order (spec example)',
      yaml: [
        'spec:',
        '  securityContext:',
        '    runAsUser: ⟦0⟧',
        '  containers:',
        '  - name: b',
        '    securityContext: {runAsUser: ⟦0⟧}',
        '  - name: ok',
        '    securityContext: {runAsUser: 5}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      runAsUser: ⟦0⟧',
      ].join('\n'),
      detail: 'pod and containers "a", "b" must not set runAsUser=0',
      messageIds: ['podZero', 'containerZero', 'containerZero'],
    },
    {
      name: 'ephemeral containers and duplicate names',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: x',
        '    securityContext: {runAsUser: ⟦0⟧}',
        '  ephemeralContainers:',
        '  - name: x',
        '    securityContext: {runAsUser: ⟦0⟧}',
      ].join('\n'),
      detail: 'containers "x", "x" must not set runAsUser=0',
    },
    {
      name: 'user namespace does not help before v1.35',
      yaml: 'spec:\n  hostUsers: false\n  securityContext:\n    runAsUser: ⟦0⟧\n',
      detail: 'pod must not set runAsUser=0',
      versions: ['v1.23', 'v1.34'],
    },
    {
      name: 'hostUsers true is no user namespace',
      yaml: 'spec:\n  hostUsers: true\n  containers:\n  - name: a\n    securityContext: {runAsUser: ⟦0⟧}\n',
      detail: 'container "a" must not set runAsUser=0',
      versions: ['v1.35', 'latest'],
    },
    {
      name: 'Windows pods are not exempt',
      yaml: 'spec:\n  os: {name: windows}\n  securityContext:\n    runAsUser: ⟦0⟧\n',
      detail: 'pod must not set runAsUser=0',
    },
  ],
});
