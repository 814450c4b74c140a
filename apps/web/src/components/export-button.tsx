import { Button } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSession } from '../auth/session.context';
import { useI18n } from '../i18n/i18n.context';
import { FormMessage } from './ui';

/** The views with a CSV export (`GET /api/v1/exports/{view}.csv`). */
export type ExportView =
  | 'signals'
  | 'signal-stats'
  | 'escalations'
  | 'agreements'
  | 'experiments'
  | 'accountability'
  | 'policy-changes';

type ParamValue = string | boolean | readonly string[] | null | undefined;

/** A view's GraphQL filter (and arguments) as the export's query string: lists comma-separated. */
export function exportQueryOf(params: Record<string, ParamValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query.set(key, value.join(','));
    } else query.set(key, String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * "Exporteren (CSV)": downloads the CSV of what the list or table shows, with its filters. The
 * API needs the bearer token, which a plain link cannot send, so the file is fetched and handed to
 * the browser as a Blob download.
 */
export function ExportButton({
  view,
  params = {},
  what,
}: {
  view: ExportView;
  params?: Record<string, ParamValue>;
  /** What is exported, for screen readers when a page has several export buttons. */
  what?: string;
}) {
  const { t } = useI18n();
  const { session, expire } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const download = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await fetch(`/api/v1/exports/${view}.csv${exportQueryOf(params)}`, {
        headers: session ? { authorization: `Bearer ${session.token}` } : {},
      });
      if (response.status === 401) expire();
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { detail?: unknown };
        throw new Error(typeof problem.detail === 'string' ? problem.detail : String(response.status));
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${view}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click's task ran.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        appearance="secondary-action-button"
        className="pl-export"
        busy={busy}
        aria-label={what ? t('exports.buttonLabel', { what }) : undefined}
        onClick={() => void download()}
      >
        {busy ? t('exports.busy') : t('exports.button')}
      </Button>
      {failure !== undefined && (
        <FormMessage type="error">{t('exports.failed', { message: failure })}</FormMessage>
      )}
    </>
  );
}
