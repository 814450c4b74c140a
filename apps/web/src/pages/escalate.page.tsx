import {
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useGraphql } from '../api/use-api';
import { useSignalTitles } from '../api/use-signal-titles';
import { AppLayout } from '../components/app-layout';
import { AuthorityField } from '../components/authority-field';
import { CommandForm } from '../components/command-form';
import { useFlash } from '../components/flash.context';
import { TextAreaField, TextField } from '../components/form-fields';
import { FormMessage } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink, useRouter } from '../router/router';
import { instantOf } from '../util/dates';

export function EscalatePage() {
  const { t, formatDateTime } = useI18n();
  const { authorities } = useReference();
  const { location, navigate } = useRouter();
  const { flash } = useFlash();
  const signalIds = (location.search.get('signals') ?? '').split(',').filter(Boolean);
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [addressedTo, setAddressedTo] = useState('');
  const [respondBy, setRespondBy] = useState('');
  const titles = useSignalTitles(signalIds);
  // Said before submitting, so the officer knows the deadline an empty field gives.
  const defaultDeadline = useGraphql<{ defaultRespondBy: string }>('{ defaultRespondBy }').data
    ?.defaultRespondBy;

  return (
    <AppLayout title={t('escalate.title')}>
      <Heading1>{t('escalate.title')}</Heading1>
      <Paragraph>{t('escalate.intro')}</Paragraph>
      {signalIds.length === 0 ? (
        <FormMessage type="error">{t('escalate.noSignals')}</FormMessage>
      ) : (
        <section aria-labelledby="escalate-signals" className="pl-section">
          <Heading2 id="escalate-signals">{t('escalate.signals')}</Heading2>
          <UnorderedList>
            {signalIds.map((id) => (
              <UnorderedListItem key={id}>
                <AppLink href={`/signals/${encodeURIComponent(id)}`}>{titles[id] ?? id}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      {signalIds.length > 0 && (
        <CommandForm
          id="escalate"
          title={t('escalate.submit')}
          submitLabel={t('escalate.submit')}
          successMessage={t('escalate.raised')}
          command={() => {
            const deadline = instantOf(respondBy);
            return {
              path: '/api/v1/escalations',
              body: {
                signalIds,
                title: title.trim(),
                reason: reason.trim(),
                addressedTo,
                ...(deadline ? { respondBy: deadline } : {}),
              },
            };
          }}
          validate={() => {
            const errors: Record<string, string> = {};
            if (title.trim() === '') errors.title = t('validation.required');
            if (reason.trim() === '') errors.reason = t('validation.required');
            if (addressedTo === '') errors.addressedTo = t('validation.choose');
            if (respondBy !== '' && instantOf(respondBy) === undefined)
              errors.respondBy = t('validation.date');
            return errors;
          }}
          onDone={(result) => {
            flash(t('escalate.raised'));
            navigate(`/escalations/${encodeURIComponent(result.id)}`);
          }}
        >
          {(errorOf) => (
            <>
              <TextField
                id="escalate-title"
                label={t('escalate.titleField')}
                value={title}
                onChange={setTitle}
                error={errorOf('title')}
                required
              />
              <TextAreaField
                id="escalate-reason"
                label={t('escalate.reason')}
                value={reason}
                onChange={setReason}
                error={errorOf('reason')}
                required
              />
              <AuthorityField
                id="escalate-addressedTo"
                label={t('escalate.addressedTo')}
                value={addressedTo}
                onChange={setAddressedTo}
                authorities={authorities}
                error={errorOf('addressedTo')}
                required
              />
              <TextField
                id="escalate-respondBy"
                type="datetime-local"
                label={t('escalate.respondBy')}
                description={
                  defaultDeadline === undefined
                    ? t('escalate.respondByHint')
                    : t('escalate.respondByDefault', { date: formatDateTime(defaultDeadline) })
                }
                value={respondBy}
                onChange={setRespondBy}
                error={errorOf('respondBy')}
              />
            </>
          )}
        </CommandForm>
      )}
    </AppLayout>
  );
}
