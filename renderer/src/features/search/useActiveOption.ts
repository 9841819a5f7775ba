import { useState, type KeyboardEvent } from 'react';

/**
 * Keyboard movement through a list of options while the focus stays in a text field
 * (the combobox pattern): ↑/↓ move, PgUp/PgDn jump, Enter chooses. The active option is
 * scrolled into view and announced through aria-activedescendant.
 */
export function useActiveOption(count: number, choose: (index: number) => void, idOf: (index: number) => string) {
  const [active, setActive] = useState(0);
  const current = count === 0 ? -1 : Math.min(active, count - 1);
  const move = (next: number) => {
    const clamped = Math.max(0, Math.min(count - 1, next));
    setActive(clamped);
    document.getElementById(idOf(clamped))?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 5, PageUp: -5 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(current + step);
    } else if (event.key === 'Enter' && current >= 0) {
      event.preventDefault();
      choose(current);
    }
  };
  return { active: current, setActive, onKeyDown, activeId: current >= 0 ? idOf(current) : undefined };
}
