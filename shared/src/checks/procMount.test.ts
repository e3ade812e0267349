import { testCheck } from '../../../test/support/checkTester';
import { procMount } from './procMount';

const UNMASKED_IN_USER_NAMESPACE = 'spec:\n  hostUsers: false\n  containers:\n  - name: a\n    securityContext:\n      procMount: ⟦Unmasked⟧\n';

testCheck(procMount, {
  valid: [
    { name: 'unset', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext: {}\n', versions: ['v1.0', 'v1.34', 'v1.35', 'latest'] },
    { name: 'Default', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      procMount: Default\n', versions: ['v1.0', 'latest'] },
    { name: 'null', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      procMount: null\n' },
    {
      name: 'user namespace allows any value from v1.35',
      yaml: UNMASKED_IN_USER_NAMESPACE.replace(/[⟦⟧]/g, '') + '  - name: b\n    securityContext:\n      procMount: ""\n',
      versions: ['v1.35', 'v1.36', 'latest'],
    },
  ],
  invalid: [
    {
      name: 'Unmasked',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      procMount: ⟦Unmasked⟧\n',
      detail: 'container "app" must not set securityContext.procMount to "Unmasked"',
      messageIds: ['procMount'],
      versions: ['v1.0', 'v1.34', 'v1.35', 'latest', 'v1.99'],
    },
    {
      name: 'user namespace does not help before v1.35',
      yaml: UNMASKED_IN_USER_NAMESPACE,
      detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
      versions: ['v1.0', 'v1.34'],
    },
    {
      name: 'hostUsers true is no user namespace',
      yaml: 'spec:\n  hostUsers: true\n  containers:\n  - name: a\n    securityContext:\n      procMount: ⟦Unmasked⟧\n',
      detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
      versions: ['v1.34', 'v1.35', 'latest'],
    },
    {
      name: 'empty string and wrong case; values sorted unique; containers in visit order',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      procMount: ⟦Unmasked⟧',
        '  - name: ok',
        '    securityContext:',
        '      procMount: Default',
        '  - name: b',
        '    securityContext: {procMount: ⟦default⟧}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      procMount: ⟦""⟧',
        '  ephemeralContainers:',
        '  - name: e',
        '    securityContext:',
        '      procMount: ⟦Unmasked⟧',
      ].join('\n'),
      detail: 'containers "a", "b", "b", "e" must not set securityContext.procMount to "", "Unmasked", "default"',
      versions: ['v1.0', 'latest'],
    },
  ],
});
