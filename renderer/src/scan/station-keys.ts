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

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName));

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
      if (!action || (typing(e.target) && action !== 'close')) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
