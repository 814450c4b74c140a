import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client';
import type { UserRole } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { claimsOf, type SessionClaims } from './token-claims';

export interface Session {
  token: string;
  claims: SessionClaims;
  mode: 'development' | 'oidc';
}

interface SessionState {
  session: Session | undefined;
  /** Why the user was signed out, when it was not their own doing. */
  notice: 'expired' | undefined;
  api: ApiClient;
  signIn(token: string, mode: Session['mode'], profile?: Record<string, unknown>): boolean;
  signOut(): void;
  expire(): void;
  hasRole(role: UserRole): boolean;
  /** The log position of the user's latest command; views read with `X-Consistent-With` up to it. */
  position: string | undefined;
  advance(position: string): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

const STORAGE_KEY = 'praktijklus.session';

/**
 * The session kept in this tab (sessionStorage: gone when the tab closes, never shared with other
 * tabs), so that a reload or a deep link does not sign the user out. Only what the app already holds
 * in memory is kept: the token, its mode and the claims read from it.
 */
function restoredSession(): Session | undefined {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { token, mode, claims } = stored as Record<string, unknown>;
    if (typeof token !== 'string' || (mode !== 'development' && mode !== 'oidc')) return undefined;
    const read = claimsOf(token, typeof claims === 'object' && claims !== null ? { ...claims } : {});
    if (!read || (read.exp !== undefined && read.exp * 1000 <= Date.now())) {
      sessionStorage.removeItem(STORAGE_KEY);
      return undefined;
    }
    return { token, claims: read, mode };
  } catch {
    return undefined;
  }
}

function keep(session: Session | undefined): void {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be refused (private mode, quota); the session then lives in memory only.
  }
}

/** The signed-in user and their token, in memory and in this tab's sessionStorage. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(restoredSession);
  const [session, setSession] = useState<Session | undefined>(initial);
  const [notice, setNotice] = useState<'expired' | undefined>();
  const [position, setPosition] = useState<string | undefined>();
  const tokenRef = useRef<string | undefined>(initial?.token);
  // The server writes its refusals in the language the interface is in.
  const { language } = useI18n();
  const languageRef = useRef(language);
  languageRef.current = language;

  const api = useMemo(
    () => new ApiClient({ token: () => tokenRef.current, language: () => languageRef.current }),
    [],
  );

  const signIn = useCallback((token: string, mode: Session['mode'], profile?: Record<string, unknown>) => {
    const claims = claimsOf(token, profile);
    if (!claims) return false;
    tokenRef.current = token;
    const next = { token, claims, mode };
    keep(next);
    setSession(next);
    setNotice(undefined);
    setPosition(undefined);
    return true;
  }, []);

  const signOut = useCallback(() => {
    tokenRef.current = undefined;
    keep(undefined);
    setSession(undefined);
    setPosition(undefined);
  }, []);

  const expire = useCallback(() => {
    tokenRef.current = undefined;
    keep(undefined);
    setSession(undefined);
    setNotice('expired');
  }, []);

  const advance = useCallback((next: string) => setPosition(next), []);

  const value = useMemo<SessionState>(
    () => ({
      session,
      notice,
      api,
      signIn,
      signOut,
      expire,
      hasRole: (role) => session?.claims.roles.includes(role) ?? false,
      position,
      advance,
    }),
    [session, notice, api, signIn, signOut, expire, position, advance],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
