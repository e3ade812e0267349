import { testCheck } from '../../../test/support/checkTester';
import { capabilities_restricted } from './capabilities_restricted';

const DROP_APP = 'container "app" must set securityContext.capabilities.drop=["ALL"]';

/** A pod with one container `app` whose capabilities are the given flow map. */
function caps(flow: string): string {
  return `spec:\n  containers:\n  - name: app\n    securityContext:\n      capabilities: ${flow}\n`;
}

testCheck(capabilities_restricted, {
  valid: [
    { name: 'drop ALL', yaml: caps('{drop: [ALL]}'), versions: ['v1.22', 'v1.24', 'v1.25', 'latest'] },
    { name: 'drop ALL, add NET_BIND_SERVICE', yaml: caps('{drop: [ALL], add: [NET_BIND_SERVICE, NET_BIND_SERVICE]}') },
    { name: 'other drops next to ALL', yaml: caps('{drop: [NET_RAW, ALL, all]}') },
    { name: 'add empty', yaml: caps('{drop: [ALL], add: []}') },
    { name: 'add null', yaml: caps('{drop: [ALL], add: null}') },
    { name: 'not run before v1.22', yaml: 'spec:\n  containers:\n  - name: app\n', versions: ['v1.0', 'v1.21'] },
    { name: 'no containers', yaml: 'spec: {}\n', versions: ['v1.22', 'latest'] },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: 'spec:\n  os: {name: windows}\n  containers:\n  - name: app\n    securityContext:\n      capabilities: {add: [SYS_ADMIN]}\n',
      versions: ['v1.25', 'latest', 'v1.99'],
    },
  ],
  invalid: [
    {
      name: 'no securityContext: points at the name',
      yaml: 'spec:\n  containers:\n  - name: ⟦app⟧\n    image: x\n',
      detail: DROP_APP,
      messageIds: ['dropAll'],
      versions: ['v1.22', 'v1.24', 'v1.25', 'latest'],
    },
    {
      name: 'securityContext without capabilities: points at securityContext',
      yaml: 'spec:\n  containers:\n  - name: app\n    ⟦securityContext⟧: {}\n',
      detail: DROP_APP,
    },
    {
      name: 'capabilities null is absent: points at capabilities',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      ⟦capabilities⟧:\n',
      detail: DROP_APP,
    },
    {
      name: 'capabilities without drop: points at capabilities',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      ⟦capabilities⟧: {add: [NET_BIND_SERVICE]}\n',
      detail: DROP_APP,
    },
    {
      name: 'drop without the literal ALL: points at drop',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      capabilities:\n        ⟦drop⟧: [all, All, CAP_ALL, NET_RAW]\n',
      detail: DROP_APP,
    },
    {
      name: 'drop empty',
      yaml: 'spec:\n  containers:\n  - name: app\n    securityContext:\n      capabilities:\n        ⟦drop⟧: []\n',
      detail: DROP_APP,
    },
    {
      name: 'adding a baseline-allowed capability',
      yaml: caps('{drop: [ALL], add: [⟦CHOWN⟧, NET_BIND_SERVICE]}'),
      detail: 'container "app" must not include "CHOWN" in securityContext.capabilities.add',
      messageIds: ['add'],
      versions: ['v1.22', 'latest'],
    },
    {
      name: 'comparison is exact',
      yaml: caps('{drop: [ALL], add: [⟦net_bind_service⟧, ⟦CAP_NET_BIND_SERVICE⟧]}'),
      detail: 'container "app" must not include "CAP_NET_BIND_SERVICE", "net_bind_service" in securityContext.capabilities.add',
    },
    {
      name: 'added values are sorted and unique, every item is reported',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: a',
        '    securityContext:',
        '      capabilities:',
        '        drop: [ALL]',
        '        add: [⟦SYS_ADMIN⟧, ⟦ALL⟧]',
        '  - name: b',
        '    securityContext:',
        '      capabilities:',
        '        drop: [ALL]',
        '        add:',
        '        - ⟦SYS_ADMIN⟧',
        '        - NET_BIND_SERVICE',
      ].join('\n'),
      detail: 'containers "a", "b" must not include "ALL", "SYS_ADMIN" in securityContext.capabilities.add',
    },
    {
      name: 'a null entry decodes to ""',
      yaml: caps('{drop: [ALL], add: [⟦~⟧]}'),
      detail: 'container "app" must not include "" in securityContext.capabilities.add',
    },
    {
      name: 'both parts, joined with "; " (spec example)',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: ⟦a⟧',
        '  - name: b',
        '    ⟦securityContext⟧:',
        '      runAsNonRoot: true',
        '  - name: c',
        '    securityContext:',
        '      capabilities: {drop: [ALL], add: [⟦NET_RAW⟧, ⟦CHOWN⟧]}',
      ].join('\n'),
      detail: 'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "CHOWN", "NET_RAW" in securityContext.capabilities.add',
    },
    {
      name: 'one container in both parts, in visit order',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: c',
        '    securityContext:',
        '      ⟦capabilities⟧: {add: [⟦SYS_ADMIN⟧]}',
        '  initContainers:',
        '  - name: i',
        '    securityContext:',
        '      capabilities: {⟦drop⟧: [NET_RAW], add: [⟦NET_ADMIN⟧]}',
        '  ephemeralContainers:',
        '  - name: ⟦e⟧',
      ].join('\n'),
      detail: 'containers "i", "c", "e" must set securityContext.capabilities.drop=["ALL"]; containers "i", "c" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add',
      messageIds: ['dropAll', 'add', 'dropAll', 'add', 'dropAll'],
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: 'spec:\n  os: {name: windows}\n  containers:\n  - name: ⟦app⟧\n',
      detail: DROP_APP,
      versions: ['v1.22', 'v1.24'],
    },
    {
      name: 'os.name is compared exactly',
      yaml: 'spec:\n  os: {name: WINDOWS}\n  containers:\n  - name: ⟦app⟧\n',
      detail: DROP_APP,
    },
  ],
});
