import { testCheck } from '../../../test/support/checkTester';
import { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle';

const LIVENESS_LOCALHOST = 'spec:\n  containers:\n  - name: app\n    livenessProbe:\n      httpGet:\n        host: ⟦localhost⟧\n        port: 8080\n';

testCheck(hostProbesAndHostLifecycle, {
  valid: [
    { name: 'not run before v1.34', yaml: LIVENESS_LOCALHOST.replace(/[⟦⟧]/g, ''), versions: ['v1.0', 'v1.33'] },
    { name: 'probes without host', yaml: 'spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: {port: 80, path: /}\n    readinessProbe:\n      tcpSocket: {port: 80}\n', versions: ['v1.34', 'latest'] },
    {
      name: 'empty and null host',
      yaml: 'spec:\n  containers:\n  - name: a\n    startupProbe:\n      httpGet: {host: "", port: 80}\n    lifecycle:\n      preStop:\n        tcpSocket: {host: null, port: 80}\n',
    },
    {
      name: 'exec, grpc and sleep handlers have no host',
      yaml: 'spec:\n  containers:\n  - name: a\n    livenessProbe:\n      exec: {command: [x]}\n    readinessProbe:\n      grpc: {port: 1}\n    lifecycle:\n      preStop:\n        sleep: {seconds: 1}\n',
    },
    { name: 'host outside a handler is ignored', yaml: 'spec:\n  containers:\n  - name: a\n    livenessProbe:\n      host: x\n      httpGet: {port: 80}\n' },
  ],
  invalid: [
    {
      name: 'localhost is forbidden too',
      yaml: LIVENESS_LOCALHOST,
      detail: 'container "app" uses probe or lifecycle host "localhost"',
      messageIds: ['host'],
      versions: ['v1.34', 'latest', 'v1.99'],
    },
    ...(['livenessProbe', 'readinessProbe', 'startupProbe'] as const).flatMap((probe) =>
      (['httpGet', 'tcpSocket'] as const).map((handler) => ({
        name: `${probe}.${handler}`,
        yaml: `spec:\n  containers:\n  - name: a\n    ${probe}:\n      ${handler}:\n        host: ⟦127.0.0.1⟧\n        port: 80\n`,
        detail: 'container "a" uses probe or lifecycle host "127.0.0.1"',
        versions: ['v1.34'],
      })),
    ),
    ...(['postStart', 'preStop'] as const).flatMap((hook) =>
      (['httpGet', 'tcpSocket'] as const).map((handler) => ({
        name: `lifecycle.${hook}.${handler}`,
        yaml: `spec:\n  containers:\n  - name: a\n    lifecycle:\n      ${hook}:\n        ${handler}:\n          host: ⟦"::1"⟧\n          port: 80\n`,
        detail: 'container "a" uses probe or lifecycle host "::1"',
        versions: ['v1.34'],
      })),
    ),
    {
      name: 'one container, two distinct hosts',
      yaml: 'spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: {host: ⟦example.com⟧, port: 80}\n    readinessProbe:\n      tcpSocket: {host: ⟦10.0.0.1⟧, port: 80}\n',
      detail: 'container "a" uses probe or lifecycle hosts "10.0.0.1", "example.com"',
    },
    {
      name: 'names and hosts sorted and de-duplicated across all container lists',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: b',
        '    livenessProbe:',
        '      httpGet: {host: ⟦example.com⟧, port: 80}',
        '    readinessProbe:',
        '      httpGet: {host: ⟦example.com⟧, port: 80}',
        '  - name: ok',
        '    livenessProbe:',
        '      httpGet: {port: 80}',
        '  - name: a',
        '    lifecycle:',
        '      postStart:',
        '        tcpSocket: {host: ⟦10.0.0.1⟧, port: 80}',
        '  initContainers:',
        '  - name: b',
        '    startupProbe:',
        '      tcpSocket: {host: ⟦example.com⟧, port: 80}',
        '  ephemeralContainers:',
        '  - name: B',
        '    readinessProbe:',
        '      httpGet: {host: ⟦Example.com⟧, port: 80}',
      ].join('\n'),
      detail: 'containers "B", "a", "b" use probe or lifecycle hosts "10.0.0.1", "Example.com", "example.com"',
    },
    {
      name: 'two containers with the same name count once',
      yaml: 'spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: {host: ⟦h⟧}\n  - name: a\n    livenessProbe:\n      tcpSocket: {host: ⟦h⟧}\n',
      detail: 'container "a" uses probe or lifecycle host "h"',
    },
  ],
});
