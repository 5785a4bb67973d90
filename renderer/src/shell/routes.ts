// Where the signed-in user is: a hash route, so the window keeps one document (and the CSP holds)
// and tests can open a letter's page directly.
import { useEffect, useState } from 'react';
import type { Role } from '../../records/index.ts';

export type Route =
  | { readonly screen: 'scan' }
  | { readonly screen: 'review' }
  | { readonly screen: 'letter'; readonly letterId: string }
  | { readonly screen: 'reports' }
  | { readonly screen: 'audit' }
  | { readonly screen: 'admin' };

export function parseRoute(hash: string, role: Role): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  switch (screen) {
    case 'scan':
    case 'review':
    case 'reports':
    case 'audit':
    case 'admin':
      return { screen };
    case 'letter':
      return id ? { screen: 'letter', letterId: decodeURIComponent(id) } : { screen: 'review' };
    default:
      return homeRoute(role);
  }
}

export function homeRoute(role: Role): Route {
  switch (role) {
    case 'officer':
      return { screen: 'scan' };
    case 'supervisor':
      return { screen: 'review' };
    case 'administrator':
      return { screen: 'admin' };
    default: {
      const never: never = role;
      return never;
    }
  }
}

export const hrefOf = (route: Route): string => (route.screen === 'letter' ? `#/letter/${encodeURIComponent(route.letterId)}` : `#/${route.screen}`);

export function useRoute(role: Role): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return parseRoute(hash, role);
}
