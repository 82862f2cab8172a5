import type { RenderContext } from './types.js';

/** The document to build in: the context's, else the page's. */
export function documentOf(ctx: Pick<RenderContext, 'document'>): Document {
  return ctx.document ?? globalThis.document;
}

/**
 * An element with a class and children; strings become text nodes, so nothing a message
 * holds is ever parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string | undefined,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className !== undefined) element.className = className;
  element.append(...children);
  return element;
}

/** Only these schemes become links: a `javascript:` or `data:` address stays text. */
const SAFE_LINK = /^(https?:|mailto:|tel:|slack:)/i;

export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

/** A link that opens in a new tab and tells the target nothing about the page. */
export function link(doc: Document, url: string, ...children: (Node | string)[]): HTMLAnchorElement {
  const anchor = h(doc, 'a', 'bk-link', ...children);
  anchor.href = url;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}
