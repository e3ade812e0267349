import { testCheck } from '../../../test/support/checkTester';
import { privileged } from './privileged';

testCheck(privileged, {
  valid: [
    { name: 'no securityContext', yaml: 'spec:\n  containers:\n  - name: a\n' },
    { name: 'false', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: false\n' },
    { name: 'null', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: null\n' },
    { name: 'securityContext null', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n' },
    { name: 'empty pod', yaml: 'spec: {}\n' },
    { name: 'no spec', yaml: 'metadata:\n  name: x\n' },
  ],
  invalid: [
    {
      name: 'container',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: ⟦true⟧\n',
      detail: 'container "a" must not set securityContext.privileged=true',
      messageIds: ['privileged'],
      versions: ['v1.0', 'v1.22', 'latest', 'v1.99'],
    },
    {
      name: 'all three lists in visit order, duplicates kept',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: c',
        '    securityContext: {privileged: ⟦true⟧}',
        '  - name: c',
        '    securityContext:',
        '      privileged: ⟦yes⟧  # YAML 1.1 boolean, as Kubernetes reads it',
        '  ephemeralContainers:',
        '  - name: e',
        '    securityContext:',
        '      privileged: ⟦True⟧',
        '  initContainers:',
        '  - name: i',
        '    securityContext:',
        '      privileged: ⟦true⟧',
      ].join('\n'),
      detail: 'containers "i", "c", "c", "e" must not set securityContext.privileged=true',
    },
    {
      name: 'unnamed container',
      yaml: 'spec:\n  containers:\n  - securityContext:\n      privileged: ⟦true⟧\n',
      detail: 'container "" must not set securityContext.privileged=true',
    },
  ],
});
