import { useEffect } from 'react';
import type { Location } from '../router/router';

/** How long a page may take to render the element a link's fragment names. */
const WAIT_MS = 5_000;

/**
 * Brings the element named by the address's fragment (`/agreements#agreement-…`, as a task links
 * to it) into view and focus once the page has rendered it: the browser only looks for it on load,
 * before the page's data arrived, and in-app navigation scrolls to the top.
 */
export function useScrollToFragment(location: Location): void {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id === '') return;
    const show = (): boolean => {
      const target = document.getElementById(id);
      if (!target) return false;
      target.scrollIntoView({ block: 'start' });
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      return true;
    };
    if (show()) return;
    const observer = new MutationObserver(() => {
      if (show()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [location]);
}
