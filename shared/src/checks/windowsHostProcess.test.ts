import { testCheck } from '../../../test/support/checkTester';
import { windowsHostProcess } from './windowsHostProcess';

testCheck(windowsHostProcess, {
  valid: [
    { name: 'unset', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    {
      name: 'false and null',
      yaml: 'spec:\n  securityContext:\n    windowsOptions:\n      hostProcess: false\n  containers:\n  - name: a\n    securityContext:\n      windowsOptions: {hostProcess: null}\n',
    },
    { name: 'windowsOptions without hostProcess', yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      windowsOptions:\n        runAsUserName: x\n' },
  ],
  invalid: [
    {
      name: 'pod',
      yaml: 'spec:\n  securityContext:\n    windowsOptions:\n      hostProcess: ⟦true⟧\n  containers:\n  - name: a\n',
      detail: 'pod must not set securityContext.windowsOptions.hostProcess=true',
      messageIds: ['hostProcess'],
      versions: ['v1.0', 'latest', 'v1.99'],
    },
    {
      name: 'container',
      yaml: 'spec:\n  containers:\n  - name: a\n    securityContext:\n      windowsOptions:\n        hostProcess: ⟦true⟧\n',
      detail: 'container "a" must not set securityContext.windowsOptions.hostProcess=true',
    },
    {
      name: 'pod and containers in visit order; no inheritance from a false pod',
      yaml: [
        'spec:',
        '  os:',
        '    name: linux',
        '  securityContext:',
        '    windowsOptions: {hostProcess: ⟦true⟧}',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      windowsOptions: {hostProcess: ⟦true⟧}',
        '  - name: ok',
        '    securityContext:',
        '      windowsOptions: {hostProcess: false}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      windowsOptions: {hostProcess: ⟦true⟧}',
        '  ephemeralContainers:',
        '  - name: b',
        '    securityContext:',
        '      windowsOptions: {hostProcess: ⟦true⟧}',
      ].join('\n'),
      detail: 'pod and containers "a", "b", "b" must not set securityContext.windowsOptions.hostProcess=true',
    },
    {
      name: 'windows pod is not exempt; pod false does not excuse a container',
      yaml: 'spec:\n  os: {name: windows}\n  securityContext:\n    windowsOptions: {hostProcess: false}\n  containers:\n  - name: a\n    securityContext:\n      windowsOptions: {hostProcess: ⟦true⟧}\n',
      detail: 'container "a" must not set securityContext.windowsOptions.hostProcess=true',
    },
  ],
});
