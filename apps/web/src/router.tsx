/** Hash routing (#/path?query): the api serves one page, and the identity provider returns to #/signed-in. */
import { useEffect, useState, type AnchorHTMLAttributes } from 'react';

export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function current(): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return {
    path,
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    update(); // the hash may have changed before this listener was added
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

/** `href` for a route: segments are encoded. */
export const href = (...parts: Array<string | number>) =>
  `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, ...rest } = props;
  return <a href={to} {...rest} />;
}
