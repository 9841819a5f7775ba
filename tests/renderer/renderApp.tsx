import { render, screen, within, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { StrictMode, type ReactNode } from 'react';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { App } from '../../renderer/src/app/App';
import { installBridge, type BridgeOptions, type TestBridge } from './testBridge';

export interface RenderedApp {
  readonly bridge: TestBridge;
  readonly user: UserEvent;
  readonly view: RenderResult;
}

/** Renders like main.tsx does: in StrictMode, so effects run twice as in development. */
export function renderStrict(ui: ReactNode): RenderResult {
  return render(<StrictMode>{ui}</StrictMode>);
}

/** Installs the bridge over fresh services, renders the App and waits until the book is open. */
export async function renderApp(options: BridgeOptions = {}): Promise<RenderedApp> {
  const bridge = await installBridge(options);
  const user = userEvent.setup();
  const view = renderStrict(<App />);
  await screen.findByRole('navigation', { name: 'Issue areas' });
  return { bridge, user, view };
}

/** The sidebar's list of active issue areas. */
export function sidebarList(): HTMLElement {
  return within(screen.getByRole('navigation', { name: 'Issue areas' })).getByRole('list', { name: 'Issue areas' });
}

/** Titles of the active areas, in sidebar order. */
export function sidebarTitles(): string[] {
  return within(sidebarList())
    .getAllByRole('button')
    .map((b) => b.querySelector('.area-link-title')?.textContent ?? '');
}

export function sidebarItem(title: string): HTMLElement {
  return within(sidebarList()).getByRole('button', { name: new RegExp(`${escapeRegExp(title)}$`) });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const sampleTitles = sampleBook.areas.map((a) => a.title);
export const sampleIds = sampleBook.areas.map((a) => a.id);
