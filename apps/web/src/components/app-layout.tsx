import {
  Alert,
  Button,
  NavBar,
  NavList,
  NavListLink,
  PageFooter,
  PageHeader,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import type { UserRole } from '../api/api.types';
import { MAX_TASKS, MY_TASKS_QUERY, type Task } from '../api/tasks.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { useReference } from '../reference/reference.context';
import { useRouter } from '../router/router';
import { useFlash } from './flash.context';
import { useScrollToFragment } from './fragment-scroll';

interface NavItem {
  href: string;
  label: MessageKey;
  roles: UserRole[];
}

const NAV_ITEMS: NavItem[] = [
  { href: '/tasks', label: 'nav.tasks', roles: ['officer', 'analyst', 'admin'] },
  { href: '/dashboard', label: 'nav.dashboard', roles: ['analyst'] },
  { href: '/signals/new', label: 'nav.newSignal', roles: ['officer'] },
  { href: '/signals', label: 'nav.signals', roles: ['officer', 'analyst', 'admin'] },
  { href: '/escalations', label: 'nav.board', roles: ['officer', 'analyst', 'admin'] },
  { href: '/agreements', label: 'nav.agreements', roles: ['admin'] },
  { href: '/experiments', label: 'nav.experiments', roles: ['admin'] },
  { href: '/cases', label: 'nav.cases', roles: ['officer', 'analyst', 'admin'] },
  { href: '/policy-changes', label: 'nav.policyChanges', roles: ['officer', 'analyst', 'admin'] },
];

function isCurrent(href: string, pathname: string): boolean {
  if (href === '/signals') return pathname === '/signals' || /^\/signals\/(?!new$)[^/]+$/.test(pathname);
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The number of open tasks beside "Mijn taken", read again after each of the user's commands. */
function TaskCount({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  const { data } = useGraphql<{ myTasks: Task[] }>(MY_TASKS_QUERY, {}, { skip: !signedIn });
  if (!data) return null;
  const count = data.myTasks.length;
  return (
    <span className="pl-nav__count" data-testid="task-count">
      <span aria-hidden="true">{count >= MAX_TASKS ? `${MAX_TASKS}+` : count}</span>
      <span className="pl-visually-hidden">
        {t('nav.tasksCount', { count: count >= MAX_TASKS ? `${MAX_TASKS}+` : count })}
      </span>
    </span>
  );
}

function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Button
      appearance="subtle-button"
      lang={other}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => setLanguage(other)}
      className="pl-header__language"
    >
      {t('app.switchLanguage')}
    </Button>
  );
}

export function AppLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const { authorityName } = useReference();
  const { location, navigate } = useRouter();
  const { message, visit } = useFlash();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  useScrollToFragment(location);

  useEffect(() => {
    visit(location.pathname);
  }, [location.pathname, message?.id, visit]);

  // After navigating, focus moves to the page's content so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const roles = session?.claims.roles ?? [];
  const items = NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
  const follow = (href: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };

  return (
    <div className="pl-app">
      {/* The Utrecht SkipLink wraps the link in a paragraph that takes room; the CSS classes are enough. */}
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus pl-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <PageHeader className="pl-header">
        <div className="pl-header__inner">
          <a
            className="pl-header__brand"
            href="/"
            onClick={follow('/')}
            aria-label={`${t('app.name')}, ${t('app.toHome').toLowerCase()}`}
          >
            <span className="pl-header__ribbon" aria-hidden="true" />
            <span className="pl-header__name">{t('app.name')}</span>
            <span className="pl-header__tagline">{t('app.tagline')}</span>
          </a>
          <div className="pl-header__tools">
            <LanguageSwitch />
            {session && (
              <>
                <span className="pl-header__user">
                  {t('app.signedInAs', {
                    name: session.claims.name ?? session.claims.sub,
                    authority: authorityName(session.claims.authority),
                  })}
                </span>
                <Button appearance="secondary-action-button" onClick={signOut}>
                  {t('app.signOut')}
                </Button>
              </>
            )}
          </div>
        </div>
      </PageHeader>
      {items.length > 0 && (
        <NavBar className="pl-nav" aria-label={t('app.mainNavigation')}>
          <NavList>
            {items.map((item) => {
              const current = isCurrent(item.href, location.pathname);
              return (
                <NavListLink
                  key={item.href}
                  href={item.href}
                  onClick={follow(item.href)}
                  aria-current={current ? 'page' : undefined}
                  className={current ? 'pl-nav__link--current' : undefined}
                >
                  {t(item.label)}
                  {item.href === '/tasks' && <TaskCount signedIn={session !== undefined} />}
                </NavListLink>
              );
            })}
          </NavList>
        </NavBar>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className="pl-main">
        <div className="pl-live" aria-live="polite" aria-atomic="true">
          {message && (
            <Alert key={message.id} type={message.type} className="pl-flash">
              <Paragraph>{message.text}</Paragraph>
            </Alert>
          )}
        </div>
        {children}
      </main>
      <PageFooter className="pl-footer">
        <div className="pl-footer__inner">
          <Paragraph>{t('app.footer')}</Paragraph>
          <Paragraph>
            <a className="utrecht-link pl-footer__link" href="/api/docs">
              {t('app.footerApi')}
            </a>
          </Paragraph>
        </div>
      </PageFooter>
    </div>
  );
}
