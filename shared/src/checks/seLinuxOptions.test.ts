import { testCheck } from '../../../test/support/checkTester';
import { seLinuxOptions } from './seLinuxOptions';

function containerType(type: string): string {
  return `spec:\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions:\n        type: ${type}\n        level: "s0:c123,c456"\n`;
}

testCheck(seLinuxOptions, {
  valid: [
    { name: 'unset', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    { name: 'empty options', yaml: 'spec:\n  securityContext:\n    seLinuxOptions: {}\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions: {}\n' },
    { name: 'empty user, role and type', yaml: 'spec:\n  securityContext:\n    seLinuxOptions: {type: "", user: "", role: null}\n' },
    ...['container_t', 'container_init_t', 'container_kvm_t'].map((t) => ({ name: `type ${t}`, yaml: containerType(t), versions: ['v1.0', 'v1.30', 'latest'] })),
    { name: 'container_engine_t from v1.31', yaml: containerType('container_engine_t'), versions: ['v1.31', 'latest', 'v1.99'] },
    { name: 'level is never inspected', yaml: 'spec:\n  securityContext:\n    seLinuxOptions: {level: "s0:c1"}\n' },
  ],
  invalid: [
    {
      name: 'container_engine_t before v1.31',
      yaml: containerType('⟦container_engine_t⟧'),
      detail: 'container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
      messageIds: ['type'],
      versions: ['v1.0', 'v1.30'],
    },
    {
      name: 'pod type',
      yaml: 'spec:\n  securityContext:\n    seLinuxOptions:\n      type: ⟦spc_t⟧\n  containers:\n  - name: a\n',
      detail: 'pod set forbidden securityContext.seLinuxOptions: type "spc_t"',
      versions: ['v1.0', 'v1.30', 'v1.31', 'latest'],
    },
    {
      name: 'container user',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      seLinuxOptions:\n        user: ⟦system_u⟧\n',
      detail: 'container "app" set forbidden securityContext.seLinuxOptions: user may not be set',
      messageIds: ['user'],
    },
    {
      name: 'container role',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      seLinuxOptions:\n        role: ⟦system_r⟧\n        type: container_t\n',
      detail: 'container "app" set forbidden securityContext.seLinuxOptions: role may not be set',
      messageIds: ['role'],
    },
    {
      name: 'all parts: types sorted unique, then user, then role',
      yaml: [
        'spec:',
        '  securityContext:',
        '    seLinuxOptions:',
        '      type: ⟦unconfined_t⟧',
        '  containers:',
        '  - name: b',
        '    securityContext:',
        '      seLinuxOptions: {role: ⟦r⟧}',
        '  - name: ok',
        '    securityContext:',
        '      seLinuxOptions: {type: container_t}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      seLinuxOptions: {type: ⟦spc_t⟧, user: ⟦u⟧}',
        '  ephemeralContainers:',
        '  - name: b',
        '    securityContext:',
        '      seLinuxOptions: {type: ⟦unconfined_t⟧}',
      ].join('\n'),
      detail: 'pod and containers "a", "b", "b" set forbidden securityContext.seLinuxOptions: types "spc_t", "unconfined_t"; user may not be set; role may not be set',
      messageIds: ['type', 'role', 'type', 'user', 'type'],
    },
    {
      name: 'wrong case; each setter judged alone',
      yaml: 'spec:\n  securityContext:\n    seLinuxOptions: {type: container_t}\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions: {type: ⟦Container_t⟧}\n',
      detail: 'container "a" set forbidden securityContext.seLinuxOptions: type "Container_t"',
    },
    {
      name: 'type and role only',
      yaml: 'spec:\n  securityContext:\n    seLinuxOptions: {type: ⟦x⟧, role: ⟦sysadm_r⟧}\n',
      detail: 'pod set forbidden securityContext.seLinuxOptions: type "x"; role may not be set',
    },
  ],
});
