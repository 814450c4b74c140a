import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type Language, type MessageKey } from './messages';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** A vocabulary value's label (`signalType.BARRIER`), or the value itself when it has none. */
  label(prefix: string, value: string | null | undefined): string;
  formatDate(iso: string | null | undefined): string;
  formatDateTime(iso: string | null | undefined): string;
  formatNumber(value: number | null | undefined, digits?: number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>('nl');

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const t = useCallback<Translate>(
    (key, params) => {
      const template = MESSAGES[language][key];
      if (params === undefined) return template;
      return template.replace(/\{(\w+)\}/g, (match, name: string) =>
        name in params ? String(params[name]) : match,
      );
    },
    [language],
  );

  const value = useMemo<I18n>(() => {
    const locale = LOCALES[language];
    const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
    // Deadlines are Dutch working days: shown on the Amsterdam clock wherever the browser is.
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      timeZone: 'Europe/Amsterdam',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    const parse = (iso: string): Date =>
      // A plain date is a calendar day, not midnight UTC: read it as local noon so it never shifts a day.
      /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
    return {
      language,
      setLanguage,
      t,
      label: (prefix, value) => {
        if (value === null || value === undefined || value === '') return MESSAGES[language]['app.none'];
        const key = `${prefix}.${value}`;
        return key in MESSAGES[language] ? MESSAGES[language][key as MessageKey] : value;
      },
      formatDate: (iso) => {
        if (!iso) return MESSAGES[language]['app.none'];
        const date = parse(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
      formatDateTime: (iso) => {
        if (!iso) return MESSAGES[language]['app.none'];
        const date = parse(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
      },
      formatNumber: (value, digits = 0) =>
        value === null || value === undefined || Number.isNaN(value)
          ? MESSAGES[language]['app.none']
          : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    };
  }, [language, t]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
