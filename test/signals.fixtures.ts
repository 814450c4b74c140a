import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@praktijklus/event-store';
import { EVENT_STORE } from '../apps/server/src/event-store/event-store.tokens';
import type { TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';

// Users of the signal tests, one per role and authority the rules tell apart.
export const utrechtOfficer: TokenClaims = {
  sub: 'officer-utrecht',
  roles: ['officer'],
  authority: 'gm0344',
};
export const amsterdamOfficer: TokenClaims = {
  sub: 'officer-amsterdam',
  roles: ['officer'],
  authority: 'gm0363',
};
export const ministryAnalyst: TokenClaims = { sub: 'analyst-bzk', roles: ['analyst'], authority: 'mnre1034' };
export const utrechtAnalyst: TokenClaims = {
  sub: 'analyst-utrecht',
  roles: ['analyst'],
  authority: 'gm0344',
};
export const provinceAdmin: TokenClaims = { sub: 'admin-pv26', roles: ['admin'], authority: 'pv26' };
export const utrechtAdmin: TokenClaims = { sub: 'admin-utrecht', roles: ['admin'], authority: 'gm0344' };

export interface Written {
  id: string;
  revision: number;
  position: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

/** A valid body for POST /api/v1/signals; tests override what they are about. */
export const signalBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'CONFLICTING_NORMS',
  title: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
  description:
    'De energie-eis uit het Bbl vraagt zonnepanelen; het omgevingsplan verbiedt zichtbare installaties op monumenten.',
  policyDomain: 'heritage',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-11-03',
  authorities: ['gm0344', 'pv26'],
  norms: [
    { ref: 'Bbl art. 4.101', title: 'Energieprestatie bij verbouw' },
    { ref: 'Omgevingsplan gemeente Utrecht art. 5.12' },
  ],
  location: { municipality: 'gm0344', lat: 52.0907, lon: 5.1214 },
  ...overrides,
});

export function eventStoreOf(server: TestServer): EventStore {
  return server.app.get<symbol, EventStore>(EVENT_STORE);
}

/** The global log's head: unchanged after a request means the request wrote no event. */
export async function headOf(server: TestServer): Promise<string | undefined> {
  return eventStoreOf(server).headPosition();
}

/** Every file under the test server's DATA_DIR whose bytes contain `text` (UTF-8). */
export function filesContaining(dataDir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (readFileSync(path).includes(needle)) found.push(path);
    }
  };
  visit(dataDir);
  return found;
}
