// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { canonicalText, paragraphsOf, type TextTreeNode } from '../../electron/core/sources/canonicalText';

/** The canonical text rules, run over a real parsed DOM (jsdom), as the import runs them. */
function boxOf(html: string): HTMLDivElement {
  const box = document.createElement('div');
  box.innerHTML = html;
  return box;
}

function textOf(html: string): string {
  return canonicalText(boxOf(html) as TextTreeNode);
}

describe('canonicalText', () => {
  test('collapses white space inside text and trims it at block edges', () => {
    expect(textOf('<p>  The   talks\n   were  <b>serious</b> and\thonest.  </p>')).toBe('The talks were serious and honest.');
  });

  test('blocks start new lines; <br> is a line break; empty blocks add nothing', () => {
    expect(textOf('<h2>Title</h2><p>One<br>two</p><div></div><ul><li>a</li><li>b</li></ul>')).toBe('Title\nOne\ntwo\na\nb');
  });

  test('pre keeps its white space; scripts and styles add nothing', () => {
    expect(textOf('<p>x</p><pre>a  b\n  c</pre><script>var s = 1;</script><style>p{}</style><p>y</p>')).toBe('x\na  b\n  c\ny');
  });

  test('non-breaking spaces and Chinese are kept as they are', () => {
    expect(textOf('<p>10\u00a0per cent</p><p>双方  在结构性问题上</p>')).toBe('10\u00a0per cent\n双方 在结构性问题上');
  });

  test('reports every character with the text node it came from', () => {
    const box = boxOf('<p>ab <i>c</i></p><p> d</p>') as TextTreeNode;
    const origins: string[] = [];
    const text = canonicalText(box, (node, offset) => origins.push(node ? `${node.nodeValue ?? ''}@${offset}` : 'break'));
    expect(text).toBe('ab c\nd');
    expect(origins).toEqual(['ab @0', 'ab @1', 'ab @2', 'c@0', 'break', ' d@1']);
  });

  test('splitting a text node (as highlights do) does not change the text', () => {
    const box = boxOf('<p>The   quick fox</p>');
    const before = canonicalText(box as TextTreeNode);
    (box.querySelector('p')?.firstChild as Text).splitText(5);
    expect(canonicalText(box as TextTreeNode)).toBe(before);
  });

  test('paragraphsOf splits pasted text on blank lines', () => {
    expect(paragraphsOf('Title\r\n\r\nline one\nline  two\n\n\n  \nlast')).toEqual([['Title'], ['line one', 'line two'], ['last']]);
  });
});
