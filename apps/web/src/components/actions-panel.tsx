import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';

/** A record's command forms: shown at once on the record's own page, elsewhere folded under "Acties". */
export function ActionsPanel({ expanded, children }: { expanded: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const forms = <div className="pl-actions">{children}</div>;
  return expanded ? (
    forms
  ) : (
    <details className="pl-details">
      <summary>{t('app.actions')}</summary>
      {forms}
    </details>
  );
}
