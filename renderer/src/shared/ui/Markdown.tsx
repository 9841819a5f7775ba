import type { ComponentProps, ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';

export interface MarkdownProps {
  readonly source: string;
  /** Called for http(s) links; the app opens them outside, after asking. */
  readonly onOpenLink?: (url: string) => void;
  readonly className?: string;
  /** Renders special links (the Sources feature's cite: citations); null leaves the link to the default. */
  readonly renderLink?: (href: string | undefined, children: ReactNode) => ReactNode;
}

const plugins = [remarkGfm, remarkCjkFriendly];

function isWebLink(href: string | undefined): href is string {
  return typeof href === 'string' && /^https?:\/\//i.test(href);
}

/**
 * Renders a briefing note. react-markdown never renders raw HTML, so a note
 * cannot inject markup. Links open only outside the app, and only http(s);
 * images from the network are never fetched.
 */
export function Markdown({ source, onOpenLink, className, renderLink }: MarkdownProps) {
  const components: Components = {
    a({ href, children, node: _node, ...rest }: ComponentProps<'a'> & { node?: unknown }) {
      const special = renderLink?.(href, children);
      if (special !== undefined && special !== null) return special;
      if (!isWebLink(href)) return <span className="md-link-disabled">{children}</span>;
      return (
        <a
          {...rest}
          href={href}
          rel="noreferrer noopener"
          title={`${href} (opens in your browser)`}
          onClick={(event) => {
            event.preventDefault();
            onOpenLink?.(href);
          }}
        >
          {children}
        </a>
      );
    },
    img({ alt, src }: ComponentProps<'img'> & { node?: unknown }) {
      if (typeof src === 'string' && src.startsWith('data:image/')) return <img src={src} alt={alt ?? ''} />;
      return (
        <span className="md-image-placeholder" role="img" aria-label={`Image not loaded: ${alt || 'no description'}`}>
          Image not loaded{alt ? `: ${alt}` : ''}
        </span>
      );
    },
    input({ type, checked }: ComponentProps<'input'> & { node?: unknown }) {
      if (type === 'checkbox')
        return <input type="checkbox" checked={checked ?? false} disabled aria-label={checked ? 'Done' : 'Not done'} />;
      return null;
    },
  };
  return (
    <div className={['markdown', className].filter(Boolean).join(' ')}>
      <ReactMarkdown remarkPlugins={plugins} components={components} skipHtml urlTransform={(url) => url}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
