import { Heading1 } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { fetchAuthConfig } from '../auth/auth-config';
import { completeOidcSignIn } from '../auth/oidc-sign-in';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { FormMessage, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useRouter } from '../router/router';

/** Where the identity provider sends the browser back with the authorization code. */
export function OidcCallbackPage() {
  const { t } = useI18n();
  const { api, signIn } = useSession();
  const { navigate } = useRouter();
  const [failure, setFailure] = useState<string | undefined>();
  const started = useRef(false);

  useEffect(() => {
    // The code can be redeemed once; React's development double effects must not try twice.
    if (started.current) return;
    started.current = true;
    fetchAuthConfig(api)
      .then(async (config) => {
        if (!config.oidc) throw new Error(t('signIn.unavailable'));
        const { accessToken, profile } = await completeOidcSignIn(config.oidc);
        if (!signIn(accessToken, 'oidc', profile)) throw new Error('token without roles or authority');
        const returnTo = sessionStorage.getItem('praktijklus.returnTo') ?? '/';
        sessionStorage.removeItem('praktijklus.returnTo');
        navigate(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [api, navigate, signIn, t]);

  return (
    <AppLayout title={t('signIn.title')}>
      <Heading1>{t('signIn.title')}</Heading1>
      {failure ? (
        <FormMessage type="error">{t('signIn.failed', { message: failure })}</FormMessage>
      ) : (
        <Loading />
      )}
      {!failure && <p className="pl-visually-hidden">{t('signIn.callback')}</p>}
    </AppLayout>
  );
}
