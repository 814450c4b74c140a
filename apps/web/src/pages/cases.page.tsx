import {
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useRest } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { CommandForm } from '../components/command-form';
import { TextAreaField, TextField } from '../components/form-fields';
import { LoadError, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { AppLink, useRouter } from '../router/router';
import { useSession } from '../auth/session.context';

export interface CaseSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  signalCount: number;
}

/** Ids typed one per line (or separated by commas or spaces), each once. */
export const idsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  ),
];

function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  if (cases.length === 0) return <Paragraph>{t('cases.empty')}</Paragraph>;
  return (
    <div className="pl-table-scroll">
      <Table className="pl-table">
        <TableCaption className="pl-visually-hidden">{t('cases.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('cases.titleField')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('cases.updatedAt')}</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              {t('cases.signalCount')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {cases.map((found) => (
            <TableRow key={found.id}>
              <TableCell>
                <AppLink href={`/cases/${encodeURIComponent(found.id)}`}>{found.title}</AppLink>
              </TableCell>
              <TableCell>{formatDateTime(found.updatedAt)}</TableCell>
              <TableCell numericColumn>{formatNumber(found.signalCount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function CasesPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const { location, navigate } = useRouter();
  const { data, error, loading, reload } = useRest<CaseSummary[]>('/api/v1/cases');
  const [draft, setDraft] = useState({ title: '', signalIds: location.search.get('signals') ?? '' });
  const mayCreate = session?.claims.roles.some((role) => role === 'analyst' || role === 'admin') ?? false;

  return (
    <AppLayout title={t('cases.title')}>
      <Heading1>{t('cases.title')}</Heading1>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && data === undefined && <Loading />}
      {data && <CaseTable cases={data} />}
      {mayCreate && (
        <CommandForm
          id="case"
          title={t('cases.new')}
          submitLabel={t('cases.new')}
          successMessage={t('cases.created')}
          command={() => ({
            path: '/api/v1/cases',
            body: { title: draft.title.trim(), signalIds: idsOf(draft.signalIds) },
          })}
          validate={() => ({
            ...(draft.title.trim() === '' ? { title: t('validation.required') } : {}),
            ...(idsOf(draft.signalIds).length === 0 ? { signalIds: t('validation.required') } : {}),
          })}
          onDone={(result) => navigate(`/cases/${encodeURIComponent(result.id)}`)}
        >
          {(errorOf) => (
            <>
              <TextField
                id="case-title"
                label={t('cases.titleField')}
                value={draft.title}
                onChange={(title) => setDraft({ ...draft, title })}
                error={errorOf('title')}
                required
              />
              <TextAreaField
                id="case-signalIds"
                label={t('cases.signalIds')}
                description={t('cases.signalIdsHint')}
                value={draft.signalIds}
                onChange={(signalIds) => setDraft({ ...draft, signalIds })}
                error={errorOf('signalIds')}
                rows={3}
                required
              />
            </>
          )}
        </CommandForm>
      )}
    </AppLayout>
  );
}
