import { testCheck } from '../../../test/support/checkTester';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';

const DETAIL_APP = 'container "app" must set securityContext.allowPrivilegeEscalation=false';

testCheck(allowPrivilegeEscalation, {
  valid: [
    {
      name: 'false',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      allowPrivilegeEscalation: false\n',
      versions: ['v1.8', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'false on every container of every list',
      yaml: [
        'spec:',
        '  initContainers:',
        '  - name: i',
        '    securityContext: {allowPrivilegeEscalation: false}',
        '  containers:',
        '  - name: c',
        '    securityContext: {allowPrivilegeEscalation: no}',
        '  ephemeralContainers:',
        '  - name: e',
        '    securityContext: {allowPrivilegeEscalation: false}',
      ].join('\n'),
    },
    { name: 'not run before v1.8', yaml: 'spec:\n  containers:\n  - name: app\n', versions: ['v1.0', 'v1.7'] },
    { name: 'no containers', yaml: 'spec: {}\n', versions: ['v1.8', 'latest'] },
    { name: 'no spec', yaml: 'metadata:\n  name: x\n' },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: 'spec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    securityContext:\n      allowPrivilegeEscalation: true\n',
      versions: ['v1.25', 'v1.26', 'latest', 'v1.99'],
    },
  ],
  invalid: [
    {
      name: 'no securityContext: points at the name',
      yaml: 'spec:\n  containers:\n  - name: ⟦app⟧\n    image: x\n',
      detail: DETAIL_APP,
      messageIds: ['unset'],
      versions: ['v1.8', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'securityContext without the field: points at the key',
      yaml: 'spec:\n  containers:\n  - name: app\n    ⟦securityContext⟧:\n      runAsNonRoot: true\n',
      detail: DETAIL_APP,
      messageIds: ['unset'],
    },
    {
      name: 'securityContext null',
      yaml: 'spec:\n  containers:\n  - name: app\n    ⟦securityContext⟧:\n',
      detail: DETAIL_APP,
    },
    {
      name: 'true',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      allowPrivilegeEscalation: ⟦true⟧\n',
      detail: DETAIL_APP,
      messageIds: ['notFalse'],
      versions: ['v1.8', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'null is unset: points at the key',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      ⟦allowPrivilegeEscalation⟧: null\n',
      detail: DETAIL_APP,
      messageIds: ['unset'],
    },
    {
      name: 'a string is not a boolean: counts as unset, points at the value',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      allowPrivilegeEscalation: ⟦"false"⟧\n',
      detail: DETAIL_APP,
    },
    {
      name: 'all three lists in visit order, duplicates kept',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: c',
        '    securityContext: {allowPrivilegeEscalation: ⟦true⟧}',
        '  - name: ⟦c⟧',
        '  - name: ok',
        '    securityContext: {allowPrivilegeEscalation: false}',
        '  ephemeralContainers:',
        '  - name: e',
        '    ⟦securityContext⟧: {}',
        '  initContainers:',
        '  - name: ⟦i⟧',
      ].join('\n'),
      detail: 'containers "i", "c", "c", "e" must set securityContext.allowPrivilegeEscalation=false',
    },
    {
      name: 'unnamed container without securityContext: points at its first key',
      yaml: 'spec:\n  containers:\n  - ⟦image⟧: x\n',
      detail: 'container "" must set securityContext.allowPrivilegeEscalation=false',
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: 'spec:\n  os:\n    name: windows\n  containers:\n  - name: ⟦app⟧\n',
      detail: DETAIL_APP,
      versions: ['v1.8', 'v1.24'],
    },
    {
      name: 'os.name is compared exactly',
      yaml: 'spec:\n  os:\n    name: Windows\n  containers:\n  - name: ⟦app⟧\n',
      detail: DETAIL_APP,
    },
    {
      name: 'linux pods are not exempt',
      yaml: 'spec:\n  os: {name: linux}\n  containers:\n  - name: ⟦app⟧\n',
      detail: DETAIL_APP,
    },
  ],
});
