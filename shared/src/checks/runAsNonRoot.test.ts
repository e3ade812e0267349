import { testCheck } from '../../../test/support/checkTester';
import { runAsNonRoot } from './runAsNonRoot';

testCheck(runAsNonRoot, {
  valid: [
    { name: 'pod true', yaml: 'spec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n' },
    { name: 'every container true', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n  initContainers:\n  - name: b\n    securityContext: {runAsNonRoot: true}\n' },
    { name: 'no containers', yaml: 'spec: {}\n' },
    {
      name: 'user namespace from v1.35',
      yaml: 'spec:\n  hostUsers: false\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: a\n',
      versions: ['v1.35', 'latest'],
    },
  ],
  invalid: [
    {
      name: 'unset, no securityContext: points at the name',
      yaml: 'spec:\n  containers:\n  - name: ⟦app⟧\n    image: x\n',
      detail: 'pod or container "app" must set securityContext.runAsNonRoot=true',
      messageIds: ['unset'],
      versions: ['v1.0', 'latest'],
    },
    {
      name: 'unset with securityContext: points at the key',
      yaml: 'spec:\n  containers:\n  - name: a\n    ⟦securityContext⟧:\n      runAsUser: 1000\n  - name: ⟦b⟧\n',
      detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
    },
    {
      name: 'pod false is reported even when containers set true',
      yaml: 'spec:\n  securityContext:\n    runAsNonRoot: ⟦false⟧\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n',
      detail: 'pod must not set securityContext.runAsNonRoot=false',
      messageIds: ['podFalse'],
    },
    {
      name: 'explicit false hides implicit containers',
      yaml: 'spec:\n  securityContext:\n    runAsNonRoot: ⟦false⟧\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: ⟦false⟧\n  - name: b\n',
      detail: 'pod and container "a" must not set securityContext.runAsNonRoot=false',
      messageIds: ['podFalse', 'containerFalse'],
    },
    {
      name: 'user namespace does not help before v1.35',
      yaml: 'spec:\n  hostUsers: false\n  containers:\n  - name: ⟦a⟧\n',
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
      versions: ['v1.34'],
    },
    {
      name: 'hostUsers true is no user namespace',
      yaml: 'spec:\n  hostUsers: true\n  containers:\n  - name: ⟦a⟧\n',
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
    },
  ],
});
