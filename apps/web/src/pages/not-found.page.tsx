import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { AppLayout } from '../components/app-layout';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';

export function NotFoundPage({ reason = 'missing' }: { reason?: 'missing' | 'forbidden' }) {
  const { t } = useI18n();
  return (
    <AppLayout title={t('app.notFound')}>
      <Heading1>{reason === 'forbidden' ? t('app.notAllowed') : t('app.notFound')}</Heading1>
      {reason === 'missing' && <Paragraph>{t('app.notFoundText')}</Paragraph>}
      <Paragraph>
        <AppLink href="/">{t('app.toHome')}</AppLink>
      </Paragraph>
    </AppLayout>
  );
}
