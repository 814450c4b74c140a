import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { UserRole } from './api/api.types';
import { OIDC_CALLBACK_PATH } from './auth/oidc-sign-in';
import { SessionProvider, useSession } from './auth/session.context';
import { FlashProvider } from './components/flash.context';
import { I18nProvider } from './i18n/i18n.context';
import { AgreementPage } from './pages/agreement.page';
import { AgreementsPage } from './pages/agreements.page';
import { CasePage } from './pages/case.page';
import { CasesPage } from './pages/cases.page';
import { EscalatePage } from './pages/escalate.page';
import { EscalationBoardPage } from './pages/escalation-board.page';
import { EscalationPage } from './pages/escalation.page';
import { ExperimentPage } from './pages/experiment.page';
import { ExperimentsPage } from './pages/experiments.page';
import { FollowPage } from './pages/follow.page';
import { NewSignalPage } from './pages/new-signal.page';
import { NotFoundPage } from './pages/not-found.page';
import { OidcCallbackPage } from './pages/oidc-callback.page';
import { PolicyChangesPage } from './pages/policy-changes.page';
import { SignInPage } from './pages/sign-in.page';
import { SignalPage } from './pages/signal.page';
import { SignalsPage } from './pages/signals.page';
import { TasksPage } from './pages/tasks.page';
import { ReferenceProvider } from './reference/reference.context';
import { matchPath, RouterProvider, useRouter } from './router/router';

// The dashboard brings the chart library; only analysts load it.
const DashboardPage = lazy(() =>
  import('./pages/dashboard.page').then((module) => ({ default: module.DashboardPage })),
);
// A policy change's page charts its effect, so it too loads the chart library only when opened.
const PolicyChangePage = lazy(() =>
  import('./pages/policy-change.page').then((module) => ({ default: module.PolicyChangePage })),
);

interface Route {
  path: string;
  roles: UserRole[];
  render(params: Record<string, string>): ReactNode;
}

const ALL: UserRole[] = ['officer', 'analyst', 'admin'];

const ROUTES: Route[] = [
  { path: '/signals/new', roles: ['officer'], render: () => <NewSignalPage /> },
  { path: '/signals', roles: ALL, render: () => <SignalsPage /> },
  { path: '/signals/:id', roles: ALL, render: ({ id }) => <SignalPage key={id} id={id} /> },
  { path: '/escalations/new', roles: ['officer', 'admin'], render: () => <EscalatePage /> },
  { path: '/escalations', roles: ALL, render: () => <EscalationBoardPage /> },
  { path: '/escalations/:id', roles: ALL, render: ({ id }) => <EscalationPage key={id} id={id} /> },
  { path: '/agreements', roles: ['admin'], render: () => <AgreementsPage /> },
  { path: '/experiments', roles: ['admin'], render: () => <ExperimentsPage /> },
  { path: '/agreements/:id', roles: ALL, render: ({ id }) => <AgreementPage key={id} id={id} /> },
  { path: '/experiments/:id', roles: ALL, render: ({ id }) => <ExperimentPage key={id} id={id} /> },
  { path: '/dashboard', roles: ['analyst'], render: () => <DashboardPage /> },
  { path: '/cases', roles: ALL, render: () => <CasesPage /> },
  { path: '/cases/:id', roles: ALL, render: ({ id }) => <CasePage key={id} id={id} /> },
  { path: '/policy-changes', roles: ALL, render: () => <PolicyChangesPage /> },
  { path: '/policy-changes/:id', roles: ALL, render: ({ id }) => <PolicyChangePage key={id} id={id} /> },
  { path: '/tasks', roles: ALL, render: () => <TasksPage /> },
];

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

function Routes() {
  const { session } = useSession();
  const { location } = useRouter();
  const { pathname } = location;

  if (pathname === OIDC_CALLBACK_PATH) return <OidcCallbackPage />;
  // The initiative's follow page needs no sign-in: its link is the credential.
  const follow = matchPath('/volgen/:token', pathname);
  if (follow) return <FollowPage token={follow.token} />;
  if (pathname === '/sign-in') return session ? <Redirect to="/" /> : <SignInPage />;
  if (!session) {
    const returnTo =
      pathname === '/'
        ? ''
        : `?returnTo=${encodeURIComponent(pathname + window.location.search + window.location.hash)}`;
    return <Redirect to={`/sign-in${returnTo}`} />;
  }
  // Every role starts on its inbox.
  if (pathname === '/') return <Redirect to="/tasks" />;

  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (!route.roles.some((role) => session.claims.roles.includes(role)))
      return <NotFoundPage reason="forbidden" />;
    return <Suspense fallback={null}>{route.render(params)}</Suspense>;
  }
  return <NotFoundPage />;
}

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <SessionProvider>
          <ReferenceProvider>
            <FlashProvider>
              <Routes />
            </FlashProvider>
          </ReferenceProvider>
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}
