import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Authority, PolicyDomain } from '../api/api.types';
import { REFERENCE_QUERY } from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { useI18n } from '../i18n/i18n.context';
import { sortByName } from '../util/collate';

interface ReferenceState {
  authorities: Authority[];
  policyDomains: PolicyDomain[];
  loaded: boolean;
  authorityName(id: string | null | undefined): string;
  domainLabel(code: string | null | undefined): string;
}

const ReferenceContext = createContext<ReferenceState | undefined>(undefined);

/** The registry of authorities and policy domains, read once per sign-in. */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const { language, t } = useI18n();
  const { data } = useGraphql<{ authorities: Authority[]; policyDomains: PolicyDomain[] }>(
    REFERENCE_QUERY,
    {},
    { skip: session === undefined, followWrites: false },
  );

  const value = useMemo<ReferenceState>(() => {
    // Authorities have Dutch names only; policy domains are listed by their name in the reader's language.
    const authorities = sortByName(data?.authorities ?? [], (a) => a.name, 'nl');
    const policyDomains = sortByName(
      data?.policyDomains ?? [],
      (d) => (language === 'nl' ? d.labelNl : d.labelEn),
      language,
    );
    const names = new Map(authorities.map((a) => [a.id, a.name]));
    const labels = new Map(policyDomains.map((d) => [d.code, language === 'nl' ? d.labelNl : d.labelEn]));
    return {
      authorities,
      policyDomains,
      loaded: data !== undefined,
      authorityName: (id) => (id ? (names.get(id) ?? id) : t('app.none')),
      domainLabel: (code) => (code ? (labels.get(code) ?? code) : t('app.none')),
    };
  }, [data, language, t]);

  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export function useReference(): ReferenceState {
  const context = useContext(ReferenceContext);
  if (!context) throw new Error('useReference outside ReferenceProvider');
  return context;
}
