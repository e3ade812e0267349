import { testCheck } from '../../../test/support/checkTester';
import { hostPorts } from './hostPorts';

testCheck(hostPorts, {
  valid: [
    { name: 'no ports', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    { name: 'containerPort only', yaml: 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n' },
    { name: 'hostPort 0 and null', yaml: 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n      hostPort: 0\n    - containerPort: 81\n      hostPort: null\n' },
    {
      name: 'hostNetwork defaulting is not emulated',
      yaml: 'spec:\n  hostNetwork: true\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n',
    },
  ],
  invalid: [
    {
      name: 'one container, one port',
      yaml: 'spec:\n  containers:\n  - name: web\n    ports:\n    - containerPort: 80\n      hostPort: ⟦80⟧\n',
      detail: 'container "web" uses hostPort 80',
      messageIds: ['hostPort'],
      versions: ['v1.0', 'latest', 'v1.99'],
    },
    {
      name: 'one container, two distinct ports',
      yaml: 'spec:\n  containers:\n  - name: web\n    ports:\n    - hostPort: ⟦80⟧\n    - hostPort: ⟦443⟧\n',
      detail: 'container "web" uses hostPorts 443, 80',
    },
    {
      name: 'two containers, one distinct port',
      yaml: 'spec:\n  containers:\n  - name: a\n    ports:\n    - hostPort: ⟦8080⟧\n  - name: b\n    ports:\n    - hostPort: ⟦8080⟧\n',
      detail: 'containers "a", "b" use hostPort 8080',
    },
    {
      name: 'ports sorted as strings; containers in visit order; duplicates kept',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: c',
        '    ports:',
        '    - hostPort: ⟦20⟧',
        '    - hostPort: ⟦100⟧',
        '  - name: ok',
        '    ports:',
        '    - containerPort: 1',
        '  - name: c',
        '    ports: [{hostPort: ⟦9⟧}]',
        '  ephemeralContainers:',
        '  - name: e',
        '    ports:',
        '    - hostPort: ⟦8080⟧',
        '  initContainers:',
        '  - name: i',
        '    ports:',
        '    - hostPort: ⟦10⟧',
        '    - hostPort: ⟦20⟧',
      ].join('\n'),
      detail: 'containers "i", "c", "c", "e" use hostPorts 10, 100, 20, 8080, 9',
    },
    {
      name: 'negative port',
      yaml: 'spec:\n  containers:\n  - name: a\n    ports:\n    - hostPort: ⟦-1⟧\n',
      detail: 'container "a" uses hostPort -1',
    },
    {
      name: 'unnamed container',
      yaml: 'spec:\n  containers:\n  - ports:\n    - hostPort: ⟦22⟧\n',
      detail: 'container "" uses hostPort 22',
    },
  ],
});
