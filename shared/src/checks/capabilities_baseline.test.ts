import { testCheck } from '../../../test/support/checkTester';
import { capabilities_baseline } from './capabilities_baseline';

const ALL_DEFAULTS = 'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';

testCheck(capabilities_baseline, {
  valid: [
    { name: 'no securityContext', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'v1.21', 'v1.22', 'latest'] },
    { name: 'every default capability', yaml: `spec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        add: [${ALL_DEFAULTS}]\n` },
    { name: 'drop is ignored', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        drop: [ALL, SYS_ADMIN, whatever]\n' },
    { name: 'empty and null add', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        add: []\n  - name: b\n    securityContext:\n      capabilities:\n        add:\n' },
    { name: 'capabilities {} and null', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities: {}\n  - name: b\n    securityContext:\n      capabilities:\n' },
  ],
  invalid: [
    {
      name: 'one forbidden capability',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      capabilities:\n        add:\n        - CHOWN\n        - ⟦NET_ADMIN⟧\n',
      detail: 'container "app" must not include "NET_ADMIN" in securityContext.capabilities.add',
      messageIds: ['add'],
      versions: ['v1.0', 'v1.21', 'v1.22', 'latest', 'v1.99'],
    },
    {
      name: 'ALL, CAP_ prefix and lower case are not defaults',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        add: [⟦ALL⟧, ⟦CAP_CHOWN⟧, ⟦chown⟧]\n',
      detail: 'container "a" must not include "ALL", "CAP_CHOWN", "chown" in securityContext.capabilities.add',
    },
    {
      name: 'containers in visit order, each once; capabilities sorted unique',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      capabilities:',
        '        add: [⟦SYS_ADMIN⟧, ⟦SYS_ADMIN⟧, ⟦ALL⟧]',
        '  - name: ok',
        '    securityContext:',
        '      capabilities: {add: [KILL]}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      capabilities: {add: [⟦SYS_ADMIN⟧], drop: [ALL]}',
        '  ephemeralContainers:',
        '  - name: b',
        '    securityContext:',
        '      capabilities: {add: [⟦NET_RAW⟧]}',
      ].join('\n'),
      detail: 'containers "a", "b", "b" must not include "ALL", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
    },
    {
      name: 'unnamed container',
      yaml: 'spec:\n  containers:\n  - securityContext:\n      capabilities:\n        add: [⟦BPF⟧]\n',
      detail: 'container "" must not include "BPF" in securityContext.capabilities.add',
    },
  ],
});
