import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { Fragment, type ReactNode } from 'react';
import type { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';
import { LoadError, Loading } from './ui';

/** A record of a list as a card: its title, status badges and text, then its facts and actions. */
export function RecordCard(props: {
  /** Prefix of the element ids, e.g. `agreement-<id>`. */
  id: string;
  title: string;
  /** The record's own page: the title links to it. */
  href?: string;
  overdue: boolean;
  badges: ReactNode;
  text: string;
  children: ReactNode;
}) {
  return (
    <article
      className={`pl-card${props.overdue ? ' pl-card--overdue' : ''}`}
      aria-labelledby={`${props.id}-title`}
    >
      <div className="pl-card__head">
        <Heading2 id={`${props.id}-title`} className="pl-card__title">
          {props.href ? <AppLink href={props.href}>{props.title}</AppLink> : props.title}
        </Heading2>
        <div className="pl-meta">{props.badges}</div>
      </div>
      <Paragraph className="pl-multiline">{props.text}</Paragraph>
      {props.children}
    </article>
  );
}

/** The fact "came from this escalation" of a card, linking to it. */
export function EscalationFact({ escalationId }: { escalationId: string }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{t('agreements.escalationId')}</dt>
      <dd>
        <AppLink href={`/escalations/${encodeURIComponent(escalationId)}`}>{t('escalation.title')}</AppLink>
      </dd>
    </div>
  );
}

/** The cards of a list read from the views, with its loading, failure and empty states. */
export function CardList<T extends { id: string }>(props: {
  items: T[];
  loaded: boolean;
  loading: boolean;
  error: ApiError | undefined;
  onRetry: () => void;
  empty: string;
  card: (item: T) => ReactNode;
}) {
  return (
    <>
      {props.error && <LoadError error={props.error} onRetry={props.onRetry} />}
      {props.loading && !props.loaded && <Loading />}
      {props.loaded && props.items.length === 0 && <Paragraph>{props.empty}</Paragraph>}
      <div className="pl-cards">
        {props.items.map((item) => (
          <Fragment key={item.id}>{props.card(item)}</Fragment>
        ))}
      </div>
    </>
  );
}
