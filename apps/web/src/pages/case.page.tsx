import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useRest } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { CommandForm } from '../components/command-form';
import { TextAreaField } from '../components/form-fields';
import { FormMessage, LoadError, Loading, ScrollRegion } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';
import { idsOf } from './cases.page';

interface CaseFile {
  id: string;
  title: string;
  authorities: string[];
  timeline: Array<{
    at: string;
    authority: string;
    entity: string;
    entityId: string;
    type: string;
    summary: string;
  }>;
  waiting: Array<{ authority: string; days: number }>;
}

/** The PDF needs the bearer token, so it is fetched and handed to the browser as a file. */
function DownloadPdf({ id }: { id: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setFailed(false);
    const response = await fetch(`/api/v1/cases/${encodeURIComponent(id)}/file.pdf`, {
      headers: { authorization: `Bearer ${session?.token ?? ''}` },
    });
    if (!response.ok) {
      setFailed(true);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `dossier-${id}.pdf`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Button appearance="secondary-action-button" id="case-download-pdf" onClick={() => void download()}>
        {t('cases.downloadPdf')}
      </Button>
      {failed && <FormMessage type="error">{t('cases.downloadFailed')}</FormMessage>}
    </>
  );
}

function Waiting({ file }: { file: CaseFile }) {
  const { t, formatNumber } = useI18n();
  const { authorityName } = useReference();
  if (file.waiting.length === 0) return <Paragraph>{t('cases.waitingNone')}</Paragraph>;
  const longest = Math.max(...file.waiting.map((waiting) => waiting.days), 1);
  return (
    <ScrollRegion label={t('cases.waitingCaption')}>
      <Table className="pl-table" id="case-waiting">
        <TableCaption className="pl-visually-hidden">{t('cases.waitingCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('cases.authority')}</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              {t('cases.days')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {file.waiting.map((waiting) => (
            <TableRow key={waiting.authority}>
              <TableCell>{authorityName(waiting.authority)}</TableCell>
              <TableCell numericColumn>
                {/* The bar repeats the number in the cell; it is decoration for sighted readers. */}
                <span
                  aria-hidden="true"
                  style={{
                    display: 'inline-block',
                    width: `${Math.round((waiting.days / longest) * 8)}em`,
                    height: '0.8em',
                    marginInlineEnd: '0.5em',
                    background: 'currentColor',
                  }}
                />
                {t('cases.daysValue', { days: formatNumber(waiting.days, 1) })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

function Timeline({ file }: { file: CaseFile }) {
  const { t, formatDateTime } = useI18n();
  const { authorityName } = useReference();
  if (file.timeline.length === 0) return <Paragraph>{t('cases.timelineEmpty')}</Paragraph>;
  return (
    <ScrollRegion label={t('cases.timelineCaption')}>
      <Table className="pl-table" id="case-timeline">
        <TableCaption className="pl-visually-hidden">{t('cases.timelineCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('cases.at')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('cases.authority')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('cases.entity')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('cases.event')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {file.timeline.map((entry, index) => (
            <TableRow key={`${entry.entityId}-${index}`}>
              <TableCell>{formatDateTime(entry.at)}</TableCell>
              <TableCell>
                {entry.authority === 'system' ? 'Praktijklus' : authorityName(entry.authority)}
              </TableCell>
              <TableCell>{t(`cases.entity.${entry.entity}` as MessageKey)}</TableCell>
              <TableCell>{entry.summary}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const { authorityName } = useReference();
  const { data, error, loading, reload } = useRest<CaseFile>(`/api/v1/cases/${encodeURIComponent(id)}/file`);
  const [signalIds, setSignalIds] = useState('');
  const mayAdd = session?.claims.roles.some((role) => role === 'analyst' || role === 'admin') ?? false;

  return (
    <AppLayout title={data?.title ?? t('cases.file')}>
      <Paragraph>
        <AppLink href="/cases">{t('cases.back')}</AppLink>
      </Paragraph>
      <Heading1>{data?.title ?? t('cases.file')}</Heading1>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && data === undefined && <Loading />}
      {data && (
        <>
          <DownloadPdf id={id} />
          <Heading2>{t('cases.authorities')}</Heading2>
          <UnorderedList id="case-authorities">
            {data.authorities.map((authority) => (
              <UnorderedListItem key={authority}>{authorityName(authority)}</UnorderedListItem>
            ))}
          </UnorderedList>
          <Heading2>{t('cases.waiting')}</Heading2>
          <Waiting file={data} />
          <Heading2>{t('cases.timeline')}</Heading2>
          <Timeline file={data} />
          {mayAdd && (
            <CommandForm
              id="case-add"
              title={t('cases.addSignals')}
              submitLabel={t('cases.addSignals')}
              successMessage={t('cases.added')}
              command={() => ({
                path: `/api/v1/cases/${encodeURIComponent(id)}/signals`,
                body: { signalIds: idsOf(signalIds) },
              })}
              validate={() => (idsOf(signalIds).length === 0 ? { signalIds: t('validation.required') } : {})}
              onDone={() => setSignalIds('')}
            >
              {(errorOf) => (
                <TextAreaField
                  id="case-add-signalIds"
                  label={t('cases.signalIds')}
                  value={signalIds}
                  onChange={setSignalIds}
                  error={errorOf('signalIds')}
                  rows={3}
                  required
                />
              )}
            </CommandForm>
          )}
        </>
      )}
    </AppLayout>
  );
}
