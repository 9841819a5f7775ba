import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../renderer/src/shared/ui/Markdown';

function renderMarkdown(source: string, onOpenLink = vi.fn<(url: string) => void>()) {
  const { container } = render(<Markdown source={source} onOpenLink={onOpenLink} />);
  const root = container.querySelector('.markdown');
  if (!(root instanceof HTMLElement)) throw new Error('no .markdown root');
  return { root, onOpenLink };
}

describe('Markdown', () => {
  it('renders GFM tables', () => {
    const { root } = renderMarkdown(
      ['| Ask | Test of success |', '| --- | :-: |', '| Higher damages | Awards rise |', '| Faster takedowns | Time to takedown |'].join(
        '\n',
      ),
    );
    const table = within(root).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Ask', 'Test of success']);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[2]!)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['Faster takedowns', 'Time to takedown']);
  });

  it('renders task lists as disabled checkboxes with labels', () => {
    const { root } = renderMarkdown('- [ ] Table three cases\n- [x] Welcome the statement\n- plain item');
    const boxes = within(root).getAllByRole<HTMLInputElement>('checkbox');
    expect(boxes).toHaveLength(2);
    expect(boxes.map((b) => [b.checked, b.disabled, b.getAttribute('aria-label')])).toEqual([
      [false, true, 'Not done'],
      [true, true, 'Done'],
    ]);
    expect(within(root).getByRole('checkbox', { name: 'Done' }).closest('li')?.textContent).toContain('Welcome the statement');
    // Clicking changes nothing: the preview is read-only.
    fireEvent.click(boxes[0]!);
    expect(boxes[0]!.checked).toBe(false);
    expect(within(root).getAllByRole('listitem')).toHaveLength(3);
  });

  it('bolds Chinese text whose emphasis is next to full-width punctuation', () => {
    const { root } = renderMarkdown('商务部表示，双方在**“结构性问题”**上取得进展');
    const strong = root.querySelectorAll('strong');
    expect(strong).toHaveLength(1);
    expect(strong[0]?.textContent).toBe('“结构性问题”');
    expect(root.textContent).toBe('商务部表示，双方在“结构性问题”上取得进展');
    expect(root.textContent).not.toContain('**');
  });

  it('bolds emphasis inside full-width brackets too', () => {
    const { root } = renderMarkdown('这是**（重点）**内容');
    expect(root.querySelector('strong')?.textContent).toBe('（重点）');
  });

  it('never renders raw HTML', () => {
    const { root } = renderMarkdown(
      [
        'Before',
        '',
        '<script>window.__pwned = true</script>',
        '',
        'Inline <img src="x" onerror="window.__pwned = true"> image and <b onclick="x()">bold</b>.',
        '',
        '<iframe src="https://example.com"></iframe>',
        '',
        '<div style="position:fixed">overlay</div>',
      ].join('\n'),
    );
    for (const tag of ['script', 'img', 'iframe', 'b', 'div']) expect(root.querySelectorAll(tag)).toHaveLength(0);
    expect(root.querySelectorAll('[onerror], [onclick], [style]')).toHaveLength(0);
    expect(root.textContent).toContain('Before');
    expect((window as unknown as Record<string, unknown>)['__pwned']).toBeUndefined();
  });

  it('turns javascript: and other non-web links into plain text', () => {
    const { root, onOpenLink } = renderMarkdown(
      [
        '[run](javascript:alert(1))',
        '[upper](JaVaScRiPt:alert(1))',
        '[file](file:///etc/passwd)',
        '[mail](mailto:someone@example.com)',
        '[data](data:text/html,<script>alert(1)</script>)',
        '[relative](notes/other.md)',
        '[ref][evil]',
        '<javascript:alert(2)>',
        '',
        '[evil]: javascript:alert(3)',
      ].join('\n\n'),
    );
    expect(root.querySelectorAll('a')).toHaveLength(0);
    expect(root.querySelectorAll('[href]')).toHaveLength(0);
    const disabled = [...root.querySelectorAll('.md-link-disabled')].map((e) => e.textContent);
    expect(disabled).toEqual(['run', 'upper', 'file', 'mail', 'data', 'relative', 'ref', 'javascript:alert(2)']);
    fireEvent.click(within(root).getByText('run'));
    expect(onOpenLink).not.toHaveBeenCalled();
  });

  it('calls onOpenLink for https links instead of navigating', () => {
    const { root, onOpenLink } = renderMarkdown('See [the readout](https://ustr.gov/readout?x=1) and http://example.org/page.');
    const links = within(root).getAllByRole<HTMLAnchorElement>('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ustr.gov/readout?x=1', 'http://example.org/page']);
    const first = links[0]!;
    expect(first.getAttribute('rel')).toContain('noopener');
    // fireEvent returns false when the default action (navigation) was prevented.
    expect(fireEvent.click(first)).toBe(false);
    expect(onOpenLink).toHaveBeenCalledExactlyOnceWith('https://ustr.gov/readout?x=1');
    expect(fireEvent.click(links[1]!)).toBe(false);
    expect(onOpenLink).toHaveBeenLastCalledWith('http://example.org/page');
    expect(window.location.href).toBe('http://localhost:3000/');
  });

  it('replaces remote images with a visible placeholder and keeps data: images', () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const { root } = renderMarkdown(
      `![Tariff chart](https://example.com/chart.png)\n\n![](http://tracker.example/p.gif)\n\n![Local](file:///tmp/a.png)\n\n![Pixel](${pixel})`,
    );
    const images = root.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute('src')).toBe(pixel);
    expect(images[0]?.getAttribute('alt')).toBe('Pixel');
    const placeholders = within(root)
      .getAllByRole('img')
      .filter((e) => e.tagName === 'SPAN');
    expect(placeholders.map((p) => [p.getAttribute('aria-label'), p.textContent])).toEqual([
      ['Image not loaded: Tariff chart', 'Image not loaded: Tariff chart'],
      ['Image not loaded: no description', 'Image not loaded'],
      ['Image not loaded: Local', 'Image not loaded: Local'],
    ]);
    expect(root.innerHTML).not.toContain('example.com');
    expect(root.innerHTML).not.toContain('tracker.example');
  });

  it('renders headings, emphasis and lists', () => {
    render(<Markdown source={'## Our asks\n\n- **No** deal text\n- *Dates* we can check'} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Our asks' })).toBeTruthy();
    expect(screen.getByText('No').tagName).toBe('STRONG');
    expect(screen.getByText('Dates').tagName).toBe('EM');
  });
});
