import { testCheck } from '../../../test/support/checkTester';
import { hostNamespaces } from './hostNamespaces';

testCheck(hostNamespaces, {
  valid: [
    { name: 'unset', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    { name: 'all false', yaml: 'spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n' },
    { name: 'null', yaml: 'spec:\n  hostNetwork: null\n  hostPID:\n  hostIPC: ~\n' },
    { name: 'empty pod', yaml: 'spec: {}\n' },
    { name: 'other host fields are not namespaces', yaml: 'spec:\n  hostUsers: true\n  hostname: h\n' },
  ],
  invalid: [
    {
      name: 'hostNetwork',
      yaml: 'spec:\n  hostNetwork: ⟦true⟧\n  containers:\n  - name: a\n',
      detail: 'hostNetwork=true',
      messageIds: ['hostNamespace'],
      versions: ['v1.0', 'v1.34', 'latest', 'v1.99'],
    },
    { name: 'hostPID', yaml: 'spec:\n  hostPID: ⟦true⟧\n', detail: 'hostPID=true' },
    { name: 'hostIPC', yaml: 'spec:\n  hostIPC: ⟦yes⟧\n', detail: 'hostIPC=true' },
    {
      name: 'fixed order network, PID, IPC regardless of key order',
      yaml: 'spec:\n  hostIPC: ⟦true⟧\n  hostPID: ⟦true⟧\n  hostNetwork: ⟦true⟧\n',
      detail: 'hostNetwork=true, hostPID=true, hostIPC=true',
    },
    {
      name: 'a gap in the middle',
      yaml: 'spec:\n  hostNetwork: ⟦true⟧\n  hostPID: false\n  hostIPC: ⟦true⟧\n',
      detail: 'hostNetwork=true, hostIPC=true',
    },
  ],
});
