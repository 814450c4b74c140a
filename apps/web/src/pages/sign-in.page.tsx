import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import { USER_ROLES, type Authority, type UserRole } from '../api/api.types';
import {
  fetchAuthConfig,
  fetchDevelopmentAuthorities,
  requestDevelopmentToken,
  type AuthConfig,
} from '../auth/auth-config';
import { startOidcSignIn } from '../auth/oidc-sign-in';
import { sortByName } from '../util/collate';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { AuthoritySelect } from '../components/authority-field';
import { TextField } from '../components/form-fields';
import { FormMessage, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useRouter } from '../router/router';

const DEFAULT_AUTHORITY: Record<UserRole, string> = {
  officer: 'gm0344',
  analyst: 'mnre1034',
  admin: 'gm0344',
};

export function SignInPage() {
  const { t } = useI18n();
  const { api, signIn, notice } = useSession();
  const { location, navigate } = useRouter();
  const [config, setConfig] = useState<AuthConfig | undefined>();
  const [authorities, setAuthorities] = useState<Authority[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sub, setSub] = useState('officer-1');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('officer');
  const [authority, setAuthority] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    fetchAuthConfig(api)
      .then(async (loaded) => {
        if (cancelled) return;
        setConfig(loaded);
        if (loaded.developmentTokens) {
          const list = await fetchDevelopmentAuthorities(api);
          if (!cancelled) setAuthorities(sortByName(list, (a) => a.name, 'nl'));
        }
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const chooseRole = (next: UserRole) => {
    setRole(next);
    if (/^(officer|analyst|admin)-\d+$/.test(sub)) setSub(`${next}-1`);
  };

  const returnTo = location.search.get('returnTo');
  const afterSignIn = returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const chosenAuthority =
      authority || (authorities.some((a) => a.id === DEFAULT_AUTHORITY[role]) ? DEFAULT_AUTHORITY[role] : '');
    if (sub.trim() === '') found['sign-in-sub'] = t('validation.required');
    if (chosenAuthority === '') found['sign-in-authority'] = t('validation.choose');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const { token } = await requestDevelopmentToken(api, {
        sub: sub.trim(),
        roles: [role],
        authority: chosenAuthority,
        ...(name.trim() !== '' ? { name: name.trim() } : {}),
      });
      if (!signIn(token, 'development')) throw new Error('token without claims');
      navigate(afterSignIn, { replace: true });
    } catch (error) {
      setFailure(error instanceof ApiError || error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const oidc = config?.oidc ?? null;
  return (
    <AppLayout title={t('signIn.title')}>
      <div className="pl-narrow">
        <Heading1>{t('signIn.title')}</Heading1>
        {notice === 'expired' && <FormMessage type="error">{t('app.sessionExpired')}</FormMessage>}
        {failure && <FormMessage type="error">{t('signIn.failed', { message: failure })}</FormMessage>}
        {!config && !failure && <Loading />}
        {config && oidc && (
          <>
            <Paragraph>{t('signIn.oidcIntro')}</Paragraph>
            <Button
              appearance="primary-action-button"
              onClick={() => {
                sessionStorage.setItem('praktijklus.returnTo', afterSignIn);
                void startOidcSignIn(oidc).catch((error: unknown) =>
                  setFailure(error instanceof Error ? error.message : String(error)),
                );
              }}
            >
              {t('signIn.oidcButton')}
            </Button>
          </>
        )}
        {config && !oidc && !config.developmentTokens && (
          <FormMessage type="error">{t('signIn.unavailable')}</FormMessage>
        )}
        {config?.developmentTokens && (
          <form onSubmit={submit} noValidate className="pl-form" aria-describedby="sign-in-intro">
            <Paragraph id="sign-in-intro">{t('signIn.intro')}</Paragraph>
            <Fieldset>
              <FieldsetLegend>{t('signIn.role')}</FieldsetLegend>
              {USER_ROLES.map((option) => (
                <FormField key={option} type="radio">
                  <div className="pl-choice">
                    <RadioButton
                      id={`sign-in-role-${option}`}
                      name="sign-in-role"
                      value={option}
                      checked={role === option}
                      onChange={() => chooseRole(option)}
                    />
                    <FormLabel htmlFor={`sign-in-role-${option}`} type="radio">
                      {t(`role.${option}`)}
                    </FormLabel>
                  </div>
                </FormField>
              ))}
            </Fieldset>
            <AuthoritySelect
              id="sign-in-authority"
              label={t('signIn.authority')}
              value={
                authority ||
                (authorities.some((a) => a.id === DEFAULT_AUTHORITY[role]) ? DEFAULT_AUTHORITY[role] : '')
              }
              onChange={setAuthority}
              authorities={authorities}
              error={errors['sign-in-authority']}
              required
            />
            <TextField
              id="sign-in-sub"
              label={t('signIn.sub')}
              value={sub}
              onChange={setSub}
              error={errors['sign-in-sub']}
              autoComplete="username"
              required
            />
            <TextField
              id="sign-in-name"
              label={t('signIn.name')}
              value={name}
              onChange={setName}
              autoComplete="name"
            />
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {busy ? t('signIn.busy') : t('signIn.submit')}
            </Button>
          </form>
        )}
      </div>
    </AppLayout>
  );
}
