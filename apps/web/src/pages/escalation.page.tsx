import {
  ButtonGroup,
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
import { DECISION_OUTCOMES, type DecisionOutcome, type EscalationStatus } from '../api/api.types';
import { useRest } from '../api/use-api';
import { useSignalTitles } from '../api/use-signal-titles';
import { useSession } from '../auth/session.context';
import { Precedents } from '../components/knowledge-sections';
import { AppLayout } from '../components/app-layout';
import { AuthorityField } from '../components/authority-field';
import { EscalationAnswers } from '../components/escalation-answers';
import { CommandForm, useRequired } from '../components/command-form';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { HistoryTimeline, timelineOf } from '../components/history-timeline';
import { LoadError, Loading, OverdueBadge, StatusLabel } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink, useRouter } from '../router/router';
import { instantOf } from '../util/dates';
import { byLabel } from '../util/collate';

interface EscalationDetail {
  id: string;
  title: string;
  reason: string;
  status: EscalationStatus;
  signalIds: string[];
  raisedBy: string;
  raisedAt: string;
  addressedTo: string;
  respondBy: string;
  involvedAuthorities: string[];
  outcome: DecisionOutcome | null;
  rationale: string | null;
  summary: string | null;
  overdue: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const authorityIdOf = (value: unknown): string =>
  typeof value === 'string' ? value : isRecord(value) ? str(value.authority) : '';

/** `GET /api/v1/escalations/{id}`: the escalation's state, possibly wrapped as `{ escalation }`. */
function escalationOf(body: unknown): EscalationDetail | undefined {
  if (!isRecord(body)) return undefined;
  const e = isRecord(body.escalation) ? body.escalation : body;
  const id = str(e.id) || str(e.escalationId);
  if (id === '') return undefined;
  const status = str(e.status) as EscalationStatus;
  const respondBy = str(e.respondBy);
  const decided = status === 'DECIDED' || status === 'RESOLVED';
  return {
    id,
    title: str(e.title),
    reason: str(e.reason),
    status,
    signalIds: Array.isArray(e.signalIds)
      ? e.signalIds.filter((s): s is string => typeof s === 'string')
      : [],
    raisedBy: authorityIdOf(e.raisedBy) || authorityIdOf(e.raisingAuthority),
    raisedAt: str(e.raisedAt),
    addressedTo: authorityIdOf(e.addressedTo),
    respondBy,
    involvedAuthorities: Array.isArray(e.involvedAuthorities)
      ? e.involvedAuthorities.map(authorityIdOf).filter(Boolean)
      : [],
    outcome: (str(e.outcome) || null) as DecisionOutcome | null,
    rationale: str(e.rationale) || null,
    summary: str(e.summary) || null,
    overdue:
      typeof e.overdue === 'boolean'
        ? e.overdue
        : !decided && respondBy !== '' && new Date(respondBy) < new Date(),
  };
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{name}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

export function EscalationPage({ id }: { id: string }) {
  const { t, label, formatDateTime, language } = useI18n();
  const { session, hasRole } = useSession();
  const { authorities, authorityName } = useReference();
  const { navigate } = useRouter();
  const path = `/api/v1/escalations/${encodeURIComponent(id)}`;
  const resource = useRest<unknown>(path);
  const history = useRest<unknown>(`${path}/history`);
  const [note, setNote] = useState('');
  const [involve, setInvolve] = useState({ authority: '', reason: '' });
  const [transfer, setTransfer] = useState({ to: '', reason: '', respondBy: '' });
  const [decision, setDecision] = useState({ outcome: '', rationale: '' });
  const [summary, setSummary] = useState('');
  const [reopenReason, setReopenReason] = useState('');

  const escalation = escalationOf(resource.data);
  const titles = useSignalTitles(escalation?.signalIds ?? []);
  const me = session?.claims.authority;
  const isAdmin = hasRole('admin');
  const addressed = escalation !== undefined && escalation.addressedTo === me;
  const raising = escalation !== undefined && escalation.raisedBy === me;
  const status = escalation?.status;
  const can = {
    acknowledge: isAdmin && addressed && status === 'RAISED',
    involve:
      isAdmin &&
      (addressed || raising) &&
      (status === 'RAISED' || status === 'ACKNOWLEDGED' || status === 'DECIDED'),
    transfer: isAdmin && addressed && (status === 'RAISED' || status === 'ACKNOWLEDGED'),
    decide: isAdmin && addressed && status === 'ACKNOWLEDGED',
    resolve: isAdmin && addressed && status === 'DECIDED',
    reopen: (isAdmin || hasRole('officer')) && raising && (status === 'DECIDED' || status === 'RESOLVED'),
    followUp: isAdmin && (status === 'DECIDED' || status === 'RESOLVED') && (addressed || raising),
  };
  const anyAction = can.acknowledge || can.involve || can.transfer || can.decide || can.resolve || can.reopen;
  const required = useRequired();
  const go = (href: string) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    navigate(href);
  };

  return (
    <AppLayout title={escalation?.title || t('escalation.title')}>
      {resource.error && <LoadError error={resource.error} onRetry={resource.reload} />}
      {resource.loading && !escalation && <Loading />}
      {escalation && (
        <>
          <p className="pl-pre-heading">{t('escalation.title')}</p>
          <Heading1>{escalation.title || escalation.id}</Heading1>
          <div className="pl-meta">
            <StatusLabel prefix="escalationStatus" value={escalation.status} />
            {escalation.overdue && <OverdueBadge />}
          </div>
          <div className="pl-two-columns">
            <section aria-labelledby="escalation-details" className="pl-section">
              <Heading2 id="escalation-details">{t('app.details')}</Heading2>
              <DataList className="pl-data-list">
                <Row name={t('escalate.reason')}>
                  <span className="pl-multiline">{escalation.reason || t('app.none')}</span>
                </Row>
                <Row name={t('escalation.addressedTo')}>{authorityName(escalation.addressedTo)}</Row>
                <Row name={t('escalation.raisedBy')}>{authorityName(escalation.raisedBy)}</Row>
                <Row name={t('escalation.raisedAt')}>{formatDateTime(escalation.raisedAt)}</Row>
                <Row name={t('escalation.respondBy')}>
                  {formatDateTime(escalation.respondBy)} {escalation.overdue && <OverdueBadge />}
                </Row>
                <Row name={t('escalation.involved')}>
                  {escalation.involvedAuthorities.length
                    ? escalation.involvedAuthorities.map((a) => authorityName(a)).join(', ')
                    : t('app.none')}
                </Row>
                {escalation.outcome && (
                  <Row name={t('escalation.outcome')}>
                    <strong>{label('outcome', escalation.outcome)}</strong>
                    {escalation.rationale && <span className="pl-multiline"> — {escalation.rationale}</span>}
                  </Row>
                )}
                {escalation.summary && <Row name={t('escalation.resolveSummary')}>{escalation.summary}</Row>}
                <Row name={t('escalation.signals')}>
                  <UnorderedList>
                    {escalation.signalIds.map((signalId) => (
                      <UnorderedListItem key={signalId}>
                        <AppLink href={`/signals/${encodeURIComponent(signalId)}`}>
                          {titles[signalId] ?? signalId}
                        </AppLink>
                      </UnorderedListItem>
                    ))}
                  </UnorderedList>
                </Row>
              </DataList>
              {can.followUp && (
                <ButtonGroup>
                  <ButtonLink
                    appearance="secondary-action-button"
                    href={`/agreements?escalation=${encodeURIComponent(escalation.id)}`}
                    onClick={go(`/agreements?escalation=${encodeURIComponent(escalation.id)}`)}
                  >
                    {t('escalation.makeAgreement')}
                  </ButtonLink>
                  {escalation.outcome === 'EXPERIMENT_GRANTED' && (
                    <ButtonLink
                      appearance="secondary-action-button"
                      href={`/experiments?escalation=${encodeURIComponent(escalation.id)}`}
                      onClick={go(`/experiments?escalation=${encodeURIComponent(escalation.id)}`)}
                    >
                      {t('escalation.startExperiment')}
                    </ButtonLink>
                  )}
                </ButtonGroup>
              )}
            </section>
            <div>
              {history.error && <LoadError error={history.error} onRetry={history.reload} />}
              {history.data !== undefined && (
                <HistoryTimeline events={timelineOf(history.data)} headingId="escalation-history" />
              )}
            </div>
          </div>

          <EscalationAnswers escalationId={escalation.id} />

          <section aria-labelledby="escalation-actions" className="pl-section">
            <Heading2 id="escalation-actions">{t('app.actions')}</Heading2>
            {!anyAction && <Paragraph>{t('escalation.noActions')}</Paragraph>}
            <div className="pl-actions">
              {can.acknowledge && (
                <CommandForm
                  id="acknowledge"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.acknowledge')}
                  submitLabel={t('escalation.acknowledge')}
                  successMessage={t('escalation.acknowledged')}
                  command={() => ({
                    path: `${path}/acknowledge`,
                    body: note.trim() ? { note: note.trim() } : {},
                  })}
                >
                  {(errorOf) => (
                    <TextAreaField
                      id="acknowledge-note"
                      label={t('escalation.acknowledgeNote')}
                      value={note}
                      onChange={setNote}
                      error={errorOf('note')}
                      rows={2}
                    />
                  )}
                </CommandForm>
              )}
              {can.decide && (
                <CommandForm
                  id="decide"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.decide')}
                  submitLabel={t('escalation.decide')}
                  successMessage={t('escalation.decided')}
                  command={() => ({
                    path: `${path}/decide`,
                    body: { outcome: decision.outcome, rationale: decision.rationale.trim() },
                  })}
                  validate={() => ({
                    ...(decision.outcome === '' ? { outcome: t('validation.choose') } : {}),
                    ...required(decision.rationale, 'rationale'),
                  })}
                >
                  {(errorOf) => (
                    <>
                      <SelectField
                        id="decide-outcome"
                        label={t('escalation.decideOutcome')}
                        value={decision.outcome}
                        onChange={(outcome) => setDecision({ ...decision, outcome })}
                        options={byLabel(
                          DECISION_OUTCOMES.map((value) => ({ value, label: label('outcome', value) })),
                          language,
                        )}
                        placeholder={t('app.choose')}
                        error={errorOf('outcome')}
                        required
                      />
                      <TextAreaField
                        id="decide-rationale"
                        label={t('escalation.decideRationale')}
                        value={decision.rationale}
                        onChange={(rationale) => setDecision({ ...decision, rationale })}
                        error={errorOf('rationale')}
                        required
                      />
                    </>
                  )}
                </CommandForm>
              )}
              {can.resolve && (
                <CommandForm
                  id="resolve"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.resolve')}
                  submitLabel={t('escalation.resolve')}
                  successMessage={t('escalation.resolved')}
                  command={() => ({ path: `${path}/resolve`, body: { summary: summary.trim() } })}
                  validate={() => required(summary, 'summary')}
                >
                  {(errorOf) => (
                    <TextAreaField
                      id="resolve-summary"
                      label={t('escalation.resolveSummary')}
                      value={summary}
                      onChange={setSummary}
                      error={errorOf('summary')}
                      required
                    />
                  )}
                </CommandForm>
              )}
              {can.involve && (
                <CommandForm
                  id="involve"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.involve')}
                  submitLabel={t('escalation.involve')}
                  successMessage={t('escalation.involvedDone')}
                  command={() => ({
                    path: `${path}/involve`,
                    body: { authority: involve.authority, reason: involve.reason.trim() },
                  })}
                  validate={() => ({
                    ...(involve.authority === '' ? { authority: t('validation.choose') } : {}),
                    ...required(involve.reason, 'reason'),
                  })}
                >
                  {(errorOf) => (
                    <>
                      <AuthorityField
                        id="involve-authority"
                        label={t('escalation.involveAuthority')}
                        value={involve.authority}
                        onChange={(authority) => setInvolve({ ...involve, authority })}
                        authorities={authorities}
                        exclude={[
                          escalation.addressedTo,
                          escalation.raisedBy,
                          ...escalation.involvedAuthorities,
                        ]}
                        error={errorOf('authority')}
                        required
                      />
                      <TextAreaField
                        id="involve-reason"
                        label={t('escalation.involveReason')}
                        value={involve.reason}
                        onChange={(reason) => setInvolve({ ...involve, reason })}
                        error={errorOf('reason')}
                        rows={2}
                        required
                      />
                    </>
                  )}
                </CommandForm>
              )}
              {can.transfer && (
                <CommandForm
                  id="transfer"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.transfer')}
                  submitLabel={t('escalation.transfer')}
                  successMessage={t('escalation.transferred')}
                  command={() => {
                    const deadline = instantOf(transfer.respondBy);
                    return {
                      path: `${path}/transfer`,
                      body: {
                        to: transfer.to,
                        reason: transfer.reason.trim(),
                        ...(deadline ? { respondBy: deadline } : {}),
                      },
                    };
                  }}
                  validate={() => ({
                    ...(transfer.to === '' ? { to: t('validation.choose') } : {}),
                    ...required(transfer.reason, 'reason'),
                  })}
                  confirm={() => ({
                    title: t('confirm.transferTitle', { authority: authorityName(transfer.to) }),
                    message: t('confirm.transferMessage', { authority: authorityName(transfer.to) }),
                    confirmLabel: t('confirm.transfer'),
                  })}
                >
                  {(errorOf) => (
                    <>
                      <AuthorityField
                        id="transfer-to"
                        label={t('escalation.transferTo')}
                        value={transfer.to}
                        onChange={(to) => setTransfer({ ...transfer, to })}
                        authorities={authorities}
                        exclude={[escalation.addressedTo]}
                        error={errorOf('to')}
                        required
                      />
                      <TextAreaField
                        id="transfer-reason"
                        label={t('escalation.transferReason')}
                        value={transfer.reason}
                        onChange={(reason) => setTransfer({ ...transfer, reason })}
                        error={errorOf('reason')}
                        rows={2}
                        required
                      />
                      <TextField
                        id="transfer-respondBy"
                        type="datetime-local"
                        label={t('escalate.respondBy')}
                        description={t('escalate.respondByHint')}
                        value={transfer.respondBy}
                        onChange={(respondBy) => setTransfer({ ...transfer, respondBy })}
                        error={errorOf('respondBy')}
                      />
                    </>
                  )}
                </CommandForm>
              )}
              {can.reopen && (
                <CommandForm
                  id="reopen"
                  headingLevel={3}
                  successAs="flash"
                  title={t('escalation.reopen')}
                  submitLabel={t('escalation.reopen')}
                  successMessage={t('escalation.reopened')}
                  command={() => ({ path: `${path}/reopen`, body: { reason: reopenReason.trim() } })}
                  validate={() => required(reopenReason, 'reason')}
                >
                  {(errorOf) => (
                    <TextAreaField
                      id="reopen-reason"
                      label={t('escalation.reopenReason')}
                      value={reopenReason}
                      onChange={setReopenReason}
                      error={errorOf('reason')}
                      rows={2}
                      required
                    />
                  )}
                </CommandForm>
              )}
            </div>
          </section>
          {escalation.signalIds.length > 0 && <Precedents signalId={escalation.signalIds[0]} />}
        </>
      )}
    </AppLayout>
  );
}
