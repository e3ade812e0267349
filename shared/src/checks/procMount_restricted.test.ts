import { testCheck } from '../../../test/support/checkTester';
import { procMount_restricted } from './procMount_restricted';

/** A pod with one container `app` whose procMount line is the given text. */
function procMount(value: string, podLines = ''): string {
  return `spec:\n${podLines}  containers:\n  - name: app\n    securityContext:\n      procMount: ${value}\n`;
}

testCheck(procMount_restricted, {
  valid: [
    { name: 'not run before v1.35', yaml: procMount('Unmasked'), versions: ['v1.0', 'v1.34'] },
    { name: 'Default', yaml: procMount('Default'), versions: ['v1.35', 'latest'] },
    { name: 'null is unset', yaml: procMount('null') },
    { name: 'unset', yaml: 'spec:\n  containers:\n  - name: app\n    securityContext: {}\n  - name: b\n' },
    { name: 'no containers', yaml: 'spec: {}\n' },
  ],
  invalid: [
    {
      name: 'Unmasked',
      yaml: procMount('⟦Unmasked⟧'),
      detail: 'container "app" must not set securityContext.procMount to "Unmasked"',
      messageIds: ['procMount'],
      versions: ['v1.35', 'latest', 'v1.99'],
    },
    {
      name: 'user namespaces get no relaxation at restricted',
      yaml: procMount('⟦Unmasked⟧', '  hostUsers: false\n'),
      detail: 'container "app" must not set securityContext.procMount to "Unmasked"',
      versions: ['v1.35', 'latest'],
    },
    {
      name: 'Windows pods are not exempt',
      yaml: procMount('⟦Unmasked⟧', '  os: {name: windows}\n'),
      detail: 'container "app" must not set securityContext.procMount to "Unmasked"',
    },
    {
      name: 'empty string is set',
      yaml: procMount('⟦""⟧'),
      detail: 'container "app" must not set securityContext.procMount to ""',
    },
    {
      name: 'comparison is case-sensitive',
      yaml: procMount('⟦default⟧'),
      detail: 'container "app" must not set securityContext.procMount to "default"',
    },
    {
      name: 'containers in visit order, values sorted and unique',
      yaml: [
        'spec:',
        '  containers:',
        '  - name: b',
        '    securityContext: {procMount: ⟦Unmasked⟧}',
        '  - name: ok',
        '    securityContext: {procMount: Default}',
        '  - name: c',
        '    securityContext: {procMount: ⟦Unmasked⟧}',
        '  initContainers:',
        '  - name: a',
        '    securityContext:',
        '      procMount: ⟦""⟧',
        '  ephemeralContainers:',
        '  - name: b',
        '    securityContext:',
        '      procMount: ⟦Unmasked⟧',
      ].join('\n'),
      detail: 'containers "a", "b", "c", "b" must not set securityContext.procMount to "", "Unmasked"',
    },
  ],
});
