import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerList, goQuote, quoteList, sortedUnique } from '../../shared/src/checks/text';

describe('text helpers (pod-security-standards.md §3.3)', () => {
  it('quote lists verbatim, without escaping', () => {
    assert.equal(quoteList([]), '');
    assert.equal(quoteList(['a', 'b"c']), '"a", "b"c"');
    assert.equal(containerList(['a']), 'container "a"');
    assert.equal(containerList(['a', 'a']), 'containers "a", "a"');
  });

  it('sort by code point (UTF-8 byte order), not UTF-16', () => {
    assert.deepEqual(sortedUnique(['b', 'B', 'a', 'b']), ['B', 'a', 'b']);
    assert.deepEqual(sortedUnique(['\u{1F600}', '\uFF21']), ['\uFF21', '\u{1F600}']);
  });

  it('quote like Go strconv.Quote', () => {
    assert.equal(goQuote('unconfined'), '"unconfined"');
    assert.equal(goQuote(''), '""');
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote('\u0007\b\f\n\r\t\v'), '"\\a\\b\\f\\n\\r\\t\\v"');
    assert.equal(goQuote('\u0000\u001f\u007f'), '"\\x00\\x1f\\x7f"');
    assert.equal(goQuote('é中😀'), '"é中😀"');
    assert.equal(goQuote('\u00a0\u00ad\u200b'), '"\\u00a0\\u00ad\\u200b"');
    assert.equal(goQuote('\u{E0001}'), '"\\U000e0001"');
  });
});
