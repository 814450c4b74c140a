import {
  ButtonLink,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState, type ReactNode } from 'react';
import type { SignalView } from '../api/api.types';
import { SIGNAL_ESCALATIONS_QUERY } from '../api/graphql.queries';
import { useGraphql, useRest } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AmendSignalForm } from '../components/amend-signal-form';
import { AppLayout } from '../components/app-layout';
import { SignalPolicyChanges } from '../components/signal-policy-changes';
import { CommandForm } from '../components/command-form';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { HistoryTimeline, timelineOf } from '../components/history-timeline';
import {
  FollowLinks,
  Precedents,
  SimilarSignals,
  useCanManageFollowLinks,
} from '../components/knowledge-sections';
import { LoadError, Loading, StatusLabel } from '../components/ui';
import { SignalPicker } from '../components/record-pickers';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink, useRouter } from '../router/router';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `GET /api/v1/signals/{id}` answers the signal, possibly wrapped as `{ signal }`. */
function signalOf(body: unknown): SignalView | undefined {
  if (!isRecord(body)) return undefined;
  const inner = isRecord(body.signal) ? body.signal : body;
  return typeof inner.id === 'string' || typeof inner.signalId === 'string'
    ? ({ ...inner, id: (inner.id ?? inner.signalId) as string } as SignalView)
    : undefined;
}

/** One escalation the signal is part of, by its title and status. */
function EscalationLink({ id }: { id: string }) {
  const { label } = useI18n();
  const { data } = useRest<Record<string, unknown>>(`/api/v1/escalations/${encodeURIComponent(id)}`);
  const title = typeof data?.title === 'string' ? data.title : id;
  const status = typeof data?.status === 'string' ? data.status : undefined;
  return (
    <>
      <AppLink href={`/escalations/${encodeURIComponent(id)}`}>{title}</AppLink>
      {status && ` (${label('escalationStatus', status)})`}
    </>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{name}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

export function SignalPage({ id }: { id: string }) {
  const { t, label, formatDate, formatDateTime, language } = useI18n();
  const { session, hasRole } = useSession();
  const { authorityName, domainLabel, policyDomains } = useReference();
  const { navigate } = useRouter();
  const path = `/api/v1/signals/${encodeURIComponent(id)}`;
  const signalResource = useRest<unknown>(path);
  const historyResource = useRest<unknown>(`${path}/history`);
  const [themes, setThemes] = useState('');
  const [correctedDomain, setCorrectedDomain] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');

  const signal = signalOf(signalResource.data);
  const escalations = useGraphql<{ signal: { escalationIds: string[] } | null }>(SIGNAL_ESCALATIONS_QUERY, {
    id,
  });
  const escalationIds = escalations.data?.signal?.escalationIds ?? [];
  const title = signal?.title ?? t('signalPage.title');
  const ownAuthority = session?.claims.authority;
  const active = signal !== undefined && signal.status !== 'WITHDRAWN';
  const canEscalate = active && (hasRole('officer') || hasRole('admin'));
  const canWithdraw = active && hasRole('officer') && signal.reportingAuthority === ownAuthority;
  const isAnalyst = hasRole('analyst');
  const canFollow = useCanManageFollowLinks(signal?.reportingAuthority);

  return (
    <AppLayout title={title}>
      {signalResource.error && <LoadError error={signalResource.error} onRetry={signalResource.reload} />}
      {signalResource.loading && !signal && <Loading />}
      {signal && (
        <>
          <p className="pl-pre-heading">{t('signalPage.title')}</p>
          <Heading1>{signal.title}</Heading1>
          <div className="pl-meta">
            <StatusLabel prefix="signalStatus" value={signal.status} />
            <span>{label('signalType', signal.type)}</span>
          </div>
          {canEscalate && (
            <ButtonLink
              appearance="primary-action-button"
              href={`/escalations/new?signals=${encodeURIComponent(signal.id)}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(`/escalations/new?signals=${encodeURIComponent(signal.id)}`);
              }}
            >
              {t('signalPage.escalate')}
            </ButtonLink>
          )}
          <div className="pl-two-columns">
            <section aria-labelledby="signal-details" className="pl-section">
              <Heading2 id="signal-details">{t('app.details')}</Heading2>
              <DataList className="pl-data-list">
                <Row name={t('signal.description')}>
                  <span className="pl-multiline">{signal.description ?? t('app.none')}</span>
                </Row>
                <Row name={t('signal.policyDomain')}>{domainLabel(signal.policyDomain)}</Row>
                <Row name={t('signal.level')}>{label('level', signal.level)}</Row>
                <Row name={t('signal.initiativeKind')}>{label('initiativeKind', signal.initiativeKind)}</Row>
                <Row name={t('signal.observedAt')}>{formatDate(signal.observedAt?.slice(0, 10))}</Row>
                <Row name={t('signal.reportingAuthority')}>{authorityName(signal.reportingAuthority)}</Row>
                <Row name={t('signal.authorities')}>
                  {signal.authorities?.length
                    ? signal.authorities.map((a) => authorityName(a)).join(', ')
                    : t('app.none')}
                </Row>
                <Row name={t('signal.norms')}>
                  {signal.norms?.length ? (
                    <UnorderedList>
                      {signal.norms.map((norm) => (
                        <UnorderedListItem key={norm.ref}>
                          {norm.ref}
                          {norm.title ? ` — ${norm.title}` : ''}
                        </UnorderedListItem>
                      ))}
                    </UnorderedList>
                  ) : (
                    t('app.none')
                  )}
                </Row>
                {signal.initiative && (
                  <Row name={t('signal.initiative')}>
                    {[signal.initiative.name, signal.initiative.contact].filter(Boolean).join(' · ') ||
                      t('app.none')}
                  </Row>
                )}
                {signal.location && (
                  <Row name={t('signal.location')}>
                    {[
                      signal.location.municipality,
                      signal.location.lat !== undefined && signal.location.lat !== null
                        ? `${signal.location.lat}, ${signal.location.lon ?? ''}`
                        : undefined,
                    ]
                      .filter(Boolean)
                      .join(' · ') || t('app.none')}
                  </Row>
                )}
                {signal.themes && signal.themes.length > 0 && (
                  <Row name={t('signal.themes')}>{signal.themes.join(', ')}</Row>
                )}
                {signal.duplicateOf && (
                  <Row name={t('signal.duplicateOf')}>
                    <AppLink href={`/signals/${encodeURIComponent(signal.duplicateOf)}`}>
                      {signal.duplicateOf}
                    </AppLink>
                  </Row>
                )}
                {escalationIds.length > 0 && (
                  <Row name={t('escalation.title')}>
                    <UnorderedList>
                      {escalationIds.map((escalationId) => (
                        <UnorderedListItem key={escalationId}>
                          <EscalationLink id={escalationId} />
                        </UnorderedListItem>
                      ))}
                    </UnorderedList>
                  </Row>
                )}
                {signal.recordedAt && (
                  <Row name={t('signal.recordedAt')}>{formatDateTime(signal.recordedAt)}</Row>
                )}
              </DataList>
            </section>
            <div>
              {historyResource.error && (
                <LoadError error={historyResource.error} onRetry={historyResource.reload} />
              )}
              {historyResource.data !== undefined && (
                <HistoryTimeline events={timelineOf(historyResource.data)} headingId="signal-history" />
              )}
            </div>
          </div>
          <SignalPolicyChanges signalId={id} />

          <div className="pl-two-columns">
            <SimilarSignals signalId={signal.id} />
            <Precedents signalId={signal.id} />
          </div>
          {canFollow && <FollowLinks signalId={signal.id} />}

          {isAnalyst && active && (
            <div className="pl-two-columns">
              <CommandForm
                id="classify"
                title={t('signalPage.classify')}
                submitLabel={t('signalPage.classify')}
                successMessage={t('signalPage.classified')}
                command={() => ({
                  path: `${path}/classify`,
                  body: {
                    themes: themes
                      .split(',')
                      .map((theme) => theme.trim())
                      .filter(Boolean),
                    ...(correctedDomain ? { policyDomain: correctedDomain } : {}),
                  },
                })}
                validate={() => {
                  const named = themes.split(',').filter((theme) => theme.trim() !== '').length;
                  if (named > 10) return { themes: t('validation.tooMany', { max: 10 }) };
                  // An empty classification changes nothing: the server refuses it too.
                  return named === 0 && correctedDomain === '' ? { themes: t('classify.empty') } : {};
                }}
              >
                {(errorOf) => (
                  <>
                    <TextField
                      id="classify-themes"
                      label={t('signalPage.themes')}
                      value={themes}
                      onChange={setThemes}
                      error={errorOf('themes')}
                    />
                    <SelectField
                      id="classify-policyDomain"
                      label={t('signalPage.correctDomain')}
                      value={correctedDomain}
                      onChange={setCorrectedDomain}
                      options={policyDomains.map((d) => ({
                        value: d.code,
                        label: language === 'nl' ? d.labelNl : d.labelEn,
                      }))}
                      placeholder={t('signalPage.keepDomain')}
                      error={errorOf('policyDomain')}
                    />
                  </>
                )}
              </CommandForm>
              <CommandForm
                id="duplicate"
                title={t('signalPage.markDuplicate')}
                submitLabel={t('signalPage.markDuplicate')}
                successMessage={t('signalPage.markedDuplicate')}
                command={() => ({ path: `${path}/duplicate-of`, body: { signalId: duplicateOf.trim() } })}
                validate={() => (duplicateOf.trim() === '' ? { signalId: t('validation.required') } : {})}
              >
                {(errorOf) => (
                  <SignalPicker
                    id="duplicate-signalId"
                    label={t('picker.originalSignal')}
                    description={t('picker.signalHint')}
                    value={duplicateOf}
                    onChange={setDuplicateOf}
                    exclude={signal.id}
                    error={errorOf('signalId')}
                    required
                  />
                )}
              </CommandForm>
            </div>
          )}

          {canWithdraw && <AmendSignalForm key={signal.revision ?? 0} signal={signal} />}
          {canWithdraw && (
            <CommandForm
              id="withdraw"
              title={t('signalPage.withdraw')}
              submitLabel={t('signalPage.withdraw')}
              successMessage={t('signalPage.withdrawn')}
              hint="danger"
              successAs="flash"
              command={() => ({ path: `${path}/withdraw`, body: { reason: withdrawReason.trim() } })}
              validate={() => (withdrawReason.trim() === '' ? { reason: t('validation.required') } : {})}
              confirm={() => ({
                title: t('confirm.withdrawTitle'),
                message: t('confirm.withdrawMessage'),
                confirmLabel: t('confirm.withdraw'),
              })}
            >
              {(errorOf) => (
                <TextAreaField
                  id="withdraw-reason"
                  label={t('signalPage.withdrawReason')}
                  value={withdrawReason}
                  onChange={setWithdrawReason}
                  error={errorOf('reason')}
                  rows={3}
                  required
                />
              )}
            </CommandForm>
          )}
          {!signal && <Paragraph>{t('app.notFound')}</Paragraph>}
        </>
      )}
    </AppLayout>
  );
}
