import { testCheck } from '../../../test/support/checkTester';
import { hostPathVolumes } from './hostPathVolumes';

testCheck(hostPathVolumes, {
  valid: [
    { name: 'no volumes', yaml: 'spec:\n  containers:\n  - name: a\n', versions: ['v1.0', 'latest'] },
    { name: 'empty list', yaml: 'spec:\n  volumes: []\n' },
    { name: 'other sources', yaml: 'spec:\n  volumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    nfs:\n      server: s\n      path: /\n' },
    { name: 'null hostPath is absent', yaml: 'spec:\n  volumes:\n  - name: a\n    hostPath:\n  - name: b\n    hostPath: null\n' },
  ],
  invalid: [
    {
      name: 'one volume: the key is underlined',
      yaml: 'spec:\n  volumes:\n  - name: data\n    ⟦hostPath⟧:\n      path: /var/lib\n',
      detail: 'volume "data"',
      messageIds: ['hostPath'],
      versions: ['v1.0', 'latest', 'v1.99'],
    },
    {
      name: 'empty hostPath object is present',
      yaml: 'spec:\n  volumes:\n  - name: data\n    ⟦hostPath⟧: {}\n',
      detail: 'volume "data"',
    },
    {
      name: 'reported even beside an allowed source; list order; duplicates kept',
      yaml: [
        'spec:',
        '  volumes:',
        '  - name: b',
        '    emptyDir: {}',
        '    ⟦hostPath⟧: {path: /b}',
        '  - name: ok',
        '    secret: {secretName: s}',
        '  - name: a',
        '    ⟦hostPath⟧:',
        '      path: /a',
        '  - name: b',
        '    ⟦hostPath⟧: {path: /c}',
      ].join('\n'),
      detail: 'volumes "b", "a", "b"',
    },
    {
      name: 'unnamed volume',
      yaml: 'spec:\n  volumes:\n  - ⟦hostPath⟧:\n      path: /\n',
      detail: 'volume ""',
    },
  ],
});
