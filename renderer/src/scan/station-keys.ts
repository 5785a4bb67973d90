// The scan station by keyboard alone: one key per action, ignored while typing in a field.
import { useEffect, useLayoutEffect, useRef } from 'react';

export type StationAction = 'acknowledge' | 'open-files' | 'camera' | 'slip' | 'sound' | 'close';

const KEYS: Readonly<Record<string, StationAction>> = {
  Enter: 'acknowledge',
  o: 'open-files',
  d: 'camera',
  s: 'slip',
  m: 'sound',
  Escape: 'close',
};

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'password', 'email', 'tel', 'date', 'url']);

/** Typing in a field: keys are letters, not commands. */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type)));

/** Enter on a button or link is that control's own: it is not the acknowledge key there. */
const activates = (target: EventTarget | null): boolean => target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'A');

export function useStationKeys(enabled: boolean, act: (action: StationAction) => void): void {
  const latest = useRef(act);
  useLayoutEffect(() => {
    latest.current = act;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const action = KEYS[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!action || (typing(e.target) && action !== 'close') || (e.key === 'Enter' && activates(e.target))) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
