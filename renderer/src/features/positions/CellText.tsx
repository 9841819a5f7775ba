import { memo } from 'react';
import { Markdown } from '../../shared/ui/Markdown';
import { openLink } from '../../shared/openLink';

/** Text that uses any Markdown syntax; anything else is plain paragraphs, drawn without the parser. */
const MARKDOWN = /[*_`#>[\]|~<\\]|^\s*(?:[-+]|\d+[.)])\s|https?:\/\//m;

/**
 * A cell's text. Most stances are a sentence or two of plain prose: those skip the Markdown
 * parser, which keeps a board of hundreds of cells quick to draw.
 */
export const CellText = memo(function CellText({ text }: { text: string }) {
  if (MARKDOWN.test(text)) return <Markdown source={text} onOpenLink={openLink} className="pos-text" />;
  return (
    <div className="markdown pos-text">
      {text.split(/\n\s*\n/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </div>
  );
});
