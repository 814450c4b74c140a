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
import type { Connection } from '../api/api.types';
import { LIST_PAGE_SIZE } from '../api/graphql.queries';
import { POLICY_CHANGES_QUERY, type PolicyChangeSummary } from '../api/policy-changes.queries';
import { useGraphql } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { ExportButton } from '../components/export-button';
import { LoadError, Loading, StatusLabel } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';

/** Every policy change, latest effective date first; each leads to its effect and chain. */
export function PolicyChangesPage() {
  const { t, formatDate } = useI18n();
  const { authorityName, domainLabel } = useReference();
  const { data, error, loading, reload } = useGraphql<{ policyChanges: Connection<PolicyChangeSummary> }>(
    POLICY_CHANGES_QUERY,
    { first: LIST_PAGE_SIZE },
  );
  const changes = data?.policyChanges.edges.map((edge) => edge.node) ?? [];
  return (
    <AppLayout title={t('policyChanges.title')}>
      <Heading1>{t('policyChanges.title')}</Heading1>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && data === undefined && <Loading />}
      {data !== undefined && changes.length === 0 && <Paragraph>{t('policyChanges.empty')}</Paragraph>}
      {changes.length > 0 && <ExportButton view="policy-changes" params={{}} />}
      {changes.length > 0 && (
        <div className="pl-table-scroll">
          <Table className="pl-table">
            <TableCaption>{t('policyChanges.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('policyChanges.change')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('policyChanges.effectiveOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('policyChanges.domain')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('policyChanges.owner')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('policyChanges.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {changes.map((change) => (
                <TableRow key={change.id}>
                  <TableHeaderCell scope="row">
                    <AppLink href={`/policy-changes/${encodeURIComponent(change.id)}`}>
                      {change.title}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{formatDate(change.effectiveOn)}</TableCell>
                  <TableCell>{domainLabel(change.policyDomain)}</TableCell>
                  <TableCell>{authorityName(change.owner)}</TableCell>
                  <TableCell>
                    <StatusLabel prefix="policyChangeStatus" value={change.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </AppLayout>
  );
}
