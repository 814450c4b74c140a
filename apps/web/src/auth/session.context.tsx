import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client';
import type { UserRole } from '../api/api.types';
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

/** The signed-in user and their token, in memory only: a reload signs out, nothing is persisted. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>();
  const [notice, setNotice] = useState<'expired' | undefined>();
  const [position, setPosition] = useState<string | undefined>();
  const tokenRef = useRef<string | undefined>(undefined);

  const api = useMemo(() => new ApiClient({ token: () => tokenRef.current }), []);

  const signIn = useCallback((token: string, mode: Session['mode'], profile?: Record<string, unknown>) => {
    const claims = claimsOf(token, profile);
    if (!claims) return false;
    tokenRef.current = token;
    setSession({ token, claims, mode });
    setNotice(undefined);
    setPosition(undefined);
    return true;
  }, []);

  const signOut = useCallback(() => {
    tokenRef.current = undefined;
    setSession(undefined);
    setPosition(undefined);
  }, []);

  const expire = useCallback(() => {
    tokenRef.current = undefined;
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
