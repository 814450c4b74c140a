import { Alert, Button, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';

export function Loading() {
  const { t } = useI18n();
  return (
    <Paragraph role="status" className="pl-loading">
      {t('app.loading')}
    </Paragraph>
  );
}

/** A failed read, with the server's message and a way to try again. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert type="error" role="alert">
      <Paragraph>{t('app.serverError', { message: error.message })}</Paragraph>
      {onRetry && (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}

/** The outcome of a form: errors are announced at once (role=alert), success politely (role=status). */
export function FormMessage({ type, children }: { type: 'ok' | 'error'; children: ReactNode }) {
  return (
    <Alert type={type} role={type === 'error' ? 'alert' : 'status'} className="pl-form-message">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

const TONES: Record<string, string> = {
  RAISED: 'warning',
  ACKNOWLEDGED: 'info',
  DECIDED: 'success',
  RESOLVED: 'neutral',
  ACTIVE: 'info',
  DUPLICATE: 'neutral',
  WITHDRAWN: 'neutral',
  OPEN: 'info',
  FULFILLED: 'success',
  UNMET: 'danger',
  CANCELLED: 'neutral',
  RUNNING: 'info',
  EVALUATED: 'success',
  CLOSED: 'neutral',
  ON_TRACK: 'success',
  AT_RISK: 'warning',
  OFF_TRACK: 'danger',
};

export function StatusLabel({ prefix, value }: { prefix: string; value: string }) {
  const { label } = useI18n();
  return (
    <StatusBadge
      status={TONES[value] ?? 'neutral'}
      className={`pl-badge pl-badge--${TONES[value] ?? 'neutral'}`}
    >
      {label(prefix, value)}
    </StatusBadge>
  );
}

export function OverdueBadge({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <StatusBadge status="danger" className="pl-badge pl-badge--danger pl-overdue">
      {children ?? t('app.overdue')}
    </StatusBadge>
  );
}

/** A number with its label, for the counts on top of a board or dashboard; with `href`, it opens the records it counts. */
export function Figure({
  label,
  value,
  tone,
  id,
  href,
}: {
  label: string;
  value: ReactNode;
  tone?: 'danger' | 'warning';
  id?: string;
  href?: string;
}) {
  return (
    <div className={`pl-figure${tone ? ` pl-figure--${tone}` : ''}`}>
      <dt className="pl-figure__label">{label}</dt>
      <dd className="pl-figure__value" id={id}>
        {href ? (
          <AppLink href={href} className="pl-figure__link">
            {value}
            <span className="pl-visually-hidden"> {label}</span>
          </AppLink>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

/**
 * A table that may be wider than a phone scrolls sideways in this region; it takes keyboard focus
 * so the hidden columns can be scrolled to without a mouse (axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pl-table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
