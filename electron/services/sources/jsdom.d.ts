/**
 * The part of jsdom the import uses, typed here so that the services stay free
 * of the DOM library's global types (jsdom ships no types of its own, and
 * @types/jsdom pulls the whole DOM lib into the Node zone).
 */
declare module 'jsdom' {
  export interface DomNode {
    readonly nodeType: number;
    readonly nodeName: string;
    readonly nodeValue: string | null;
    readonly childNodes: ArrayLike<DomNode>;
    readonly parentNode: DomElement | null;
    textContent: string | null;
  }

  export interface DomElement extends DomNode {
    readonly tagName: string;
    readonly ownerDocument: DomDocument;
    innerHTML: string;
    getAttribute(name: string): string | null;
    setAttribute(name: string, value: string): void;
    removeAttribute(name: string): void;
    querySelector(selectors: string): DomElement | null;
    querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
    insertBefore(node: DomNode, child: DomNode | null): DomNode;
    remove(): void;
  }

  export interface DomDocument extends DomNode {
    readonly documentElement: DomElement;
    readonly head: DomElement | null;
    readonly body: DomElement | null;
    readonly title: string;
    createElement(name: string): DomElement;
    querySelector(selectors: string): DomElement | null;
    querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  }

  export interface DomWindow {
    readonly document: DomDocument;
    close(): void;
  }

  export interface ConstructorOptions {
    /** The document's address (relative links resolve against it). */
    url?: string;
    contentType?: string;
    /** Left unset: jsdom then runs no script and loads no resource. */
    runScripts?: never;
    resources?: never;
  }

  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: DomWindow;
  }
}
