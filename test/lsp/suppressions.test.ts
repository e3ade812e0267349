import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: true\n';
const SUPPRESSED = POD.replace('      privileged: true', '      # podsec-ignore privileged -- the CNI agent needs it\n      privileged: true');

describe('language server and # podsec-ignore', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('hides a suppressed finding, and it comes back when the comment goes', async () => {
    const uri = 'file:///w/suppressed.yaml';
    const before = await client.open(uri, POD);
    assert.ok(before.some((d) => d.code === 'privileged'));
    const after = await client.replace(uri, SUPPRESSED, 2);
    assert.ok(!after.some((d) => d.code === 'privileged'), JSON.stringify(after));
    assert.ok(after.some((d) => d.code === 'runAsNonRoot'), 'other findings stay');
    assert.ok(!after.some((d) => String(d.code).startsWith('suppression-')), 'a used comment with a reason says nothing');
    const again = await client.replace(uri, POD, 3);
    assert.ok(again.some((d) => d.code === 'privileged'));
  });

  it('warns about a comment without a reason, with an unknown check or that suppresses nothing, at the narrowest range', async () => {
    const text = POD.replace('      privileged: true', '      # podsec-ignore privileged,runAsNonroot,hostPorts\n      privileged: true');
    const diagnostics = await client.open('file:///w/warnings.yaml', text);
    const warnings = diagnostics.filter((d) => String(d.code).startsWith('suppression-'));
    const lines = text.split('\n');
    const at = (d: (typeof warnings)[number]) => (lines[d.range.start.line] ?? '').slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(
      warnings.map((d) => [d.code, d.severity, at(d)]),
      [
        ['suppression-no-reason', 2, '# podsec-ignore privileged,runAsNonroot,hostPorts'],
        ['suppression-unknown-check', 2, 'runAsNonroot'],
        ['suppression-unused', 2, 'hostPorts'],
      ],
    );
    assert.match(LspClient.text(warnings[1] ?? warnings[0]!), /did you mean runAsNonRoot\?/);
    assert.ok(!diagnostics.some((d) => d.code === 'privileged'), 'a comment without a reason still suppresses');
  });

  it('says when a suppression expired, and shows the finding again', async () => {
    const text = SUPPRESSED.replace('privileged --', 'privileged until=2001-02-03 --');
    const diagnostics = await client.open('file:///w/expired.yaml', text);
    const expired = diagnostics.find((d) => d.code === 'suppression-expired');
    assert.equal(expired?.severity, 2);
    assert.equal(LspClient.text(expired!), 'podsec-ignore for privileged expired on 2001-02-03; the finding is reported again');
    assert.ok(diagnostics.some((d) => d.code === 'privileged'));
  });

  it('hovers the comment with what it suppresses and why', async () => {
    await client.open('file:///w/hover.yaml', SUPPRESSED);
    const hover = await client.hover('file:///w/hover.yaml', 8, 10);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*podsec-ignore\*\* suppresses 1 finding in this field and everything under it:/);
    assert.match(value, /- `privileged` \(enforce `baseline:latest`\): container "web" must not set securityContext\.privileged=true/);
    assert.match(value, /Reason: the CNI agent needs it/);
    const kind = await client.hover('file:///w/hover.yaml', 1, 7);
    const kindValue = kind && typeof kind.contents === 'object' && 'value' in kind.contents ? kind.contents.value : '';
    assert.match(kindValue, /is forbidden: violates PodSecurity "baseline:latest": privileged/, 'the API server\'s message is unchanged');
    assert.match(kindValue, /1 finding is suppressed by `# podsec-ignore` comments/);
  });

  it('offers no fix and no fix-all for a suppressed finding', async () => {
    const uri = 'file:///w/nofix.yaml';
    await client.open(uri, SUPPRESSED);
    const WHOLE = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const [fixAll] = await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll.podsec'] });
    const edits = JSON.stringify(fixAll?.edit ?? {});
    assert.match(edits, /allowPrivilegeEscalation: false/, 'fix-all fixes the findings that are shown');
    assert.doesNotMatch(edits, /privileged/);
  });
});
