import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface FlashMessage {
  text: string;
  type: 'ok' | 'error' | 'info';
  /** Changes with every message, so the same text twice is announced twice. */
  id: number;
  /** The page it was first shown on; leaving that page clears it. */
  shownOn?: string;
}

interface FlashState {
  message: FlashMessage | undefined;
  flash(text: string, type?: FlashMessage['type']): void;
  clear(): void;
  /** Called by the layout on every page: pins a new message to it, drops one from an earlier page. */
  visit(pathname: string): void;
}

const FlashContext = createContext<FlashState | undefined>(undefined);

/** One message for the user that survives a page change (shown in the layout's live region). */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<FlashMessage | undefined>();
  const flash = useCallback(
    (text: string, type: FlashMessage['type'] = 'ok') =>
      setMessage((old) => ({ text, type, id: (old?.id ?? 0) + 1 })),
    [],
  );
  const clear = useCallback(() => setMessage(undefined), []);
  const visit = useCallback(
    (pathname: string) =>
      setMessage((old) => {
        if (!old) return old;
        if (old.shownOn === undefined) return { ...old, shownOn: pathname };
        return old.shownOn === pathname ? old : undefined;
      }),
    [],
  );
  const value = useMemo(() => ({ message, flash, clear, visit }), [message, flash, clear, visit]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashState {
  const context = useContext(FlashContext);
  if (!context) throw new Error('useFlash outside FlashProvider');
  return context;
}
