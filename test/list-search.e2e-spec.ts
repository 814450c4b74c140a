import {
  AdministrationClient,
  agreementBody,
  amsterdamOfficer,
  experimentBody,
  analyst,
  provinceAdmin,
  signalBody,
  strangerAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';

// The pickers and list pages of the web app search and sort escalations, agreements and
// experiments over GraphQL: a title search, a policy-domain filter and (escalations) a column order,
// each within what the reader may see.

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; title: string } }[];
}

describe('searching, filtering by policy domain and sorting the lists (GraphQL)', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let position = '';
  let utrechtHeritage = '';
  let utrechtEnergy = '';
  let amsterdam = '';
  let agreementOnHeritage = '';

  const write = async (path: `/api/v1/${string}`, token: TokenClaims, body: unknown): Promise<string> => {
    const written = await api.ok(path, token, body, 201);
    position = written.position;
    return written.id;
  };

  const signal = (token: TokenClaims, policyDomain: string, authorities: string[]) =>
    write(
      '/api/v1/signals',
      token,
      signalBody({ title: `Belemmering in ${policyDomain}`, policyDomain, authorities }),
    );

  const escalations = async (
    token: TokenClaims,
    variables: Record<string, unknown>,
  ): Promise<{ page?: Page; errors?: { extensions: { code: string } }[] }> => {
    const response = await server.graphql<{
      data?: { escalations: Page };
      errors?: { extensions: { code: string } }[];
    }>(
      `query ($filter: EscalationFilter, $search: String, $orderBy: EscalationOrder, $descending: Boolean,
              $first: Int, $after: String) {
        escalations(filter: $filter, search: $search, orderBy: $orderBy, descending: $descending,
                    first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id title } }
        }
      }`,
      { token, variables, headers: { 'x-consistent-with': position } },
    );
    return { page: response.body.data?.escalations, errors: response.body.errors };
  };
  const titles = (page: Page | undefined) => page?.edges.map((edge) => edge.node.title);

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
    const heritage = await signal(utrechtOfficer, 'heritage', ['gm0344', 'pv26']);
    const energy = await signal(utrechtOfficer, 'energy', ['gm0344', 'pv26']);
    const amsterdamSignal = await signal(amsterdamOfficer, 'heritage', ['gm0363', 'pv27']);
    const raise = (token: TokenClaims, signalIds: string[], title: string, addressedTo: string) =>
      write('/api/v1/escalations', token, {
        signalIds,
        title,
        reason: 'De gemeente kan dit niet zelf oplossen.',
        addressedTo,
      });
    utrechtHeritage = await raise(utrechtOfficer, [heritage], 'Zonnepanelen op monumenten', 'pv26');
    utrechtEnergy = await raise(utrechtOfficer, [energy], 'Warmtenet onder de grachten', 'pv26');
    amsterdam = await raise(amsterdamOfficer, [amsterdamSignal], 'Zonnepanelen op grachtenpanden', 'pv27');
    agreementOnHeritage = await write(
      '/api/v1/agreements',
      provinceAdmin,
      agreementBody({ title: 'Afspraak over zonnepanelen', escalationId: utrechtHeritage }),
    );
    await write('/api/v1/agreements', provinceAdmin, agreementBody({ title: 'Afspraak zonder escalatie' }));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('finds escalations by words of their title, only among those the reader may see', async () => {
    const officer = await escalations(utrechtOfficer, { search: 'zonnepanelen' });
    expect(officer.page?.edges.map((edge) => edge.node.id)).toEqual([utrechtHeritage]);
    expect(officer.page?.totalCount).toBe(1);

    // Amsterdam's officer finds Amsterdam's own, never Utrecht's with the same word.
    expect(titles((await escalations(amsterdamOfficer, { search: 'ZONNEPANELEN' })).page)).toEqual([
      'Zonnepanelen op grachtenpanden',
    ]);
    // An administrator of an authority outside both finds nothing, however the words match.
    expect((await escalations(strangerAdmin, { search: 'monumenten' })).page?.totalCount).toBe(0);
    // Analysts see every escalation; every word must match, in any order.
    expect(titles((await escalations(analyst, { search: 'zonnepanelen' })).page)?.sort()).toEqual([
      'Zonnepanelen op grachtenpanden',
      'Zonnepanelen op monumenten',
    ]);
    expect(titles((await escalations(analyst, { search: 'monumenten zonne' })).page)).toEqual([
      'Zonnepanelen op monumenten',
    ]);
    // LIKE's wildcards are plain characters to the user.
    expect((await escalations(analyst, { search: '%' })).page?.totalCount).toBe(0);
  });

  it('refuses a search longer than 200 characters as BAD_USER_INPUT', async () => {
    const refused = await escalations(analyst, { search: 'x'.repeat(201) });
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('filters escalations by the policy domain of their signals', async () => {
    expect(titles((await escalations(analyst, { filter: { policyDomains: ['energy'] } })).page)).toEqual([
      'Warmtenet onder de grachten',
    ]);
    expect(
      (await escalations(utrechtOfficer, { filter: { policyDomains: ['heritage'] } })).page?.edges.map(
        (edge) => edge.node.id,
      ),
    ).toEqual([utrechtHeritage]);
    expect(
      (await escalations(analyst, { filter: { policyDomains: ['heritage', 'energy'] } })).page?.totalCount,
    ).toBe(3);
  });

  it('sorts escalations by title both ways, paging on with the cursor of that order', async () => {
    const ascending = await escalations(analyst, { orderBy: 'TITLE', first: 2 });
    expect(titles(ascending.page)).toEqual(['Warmtenet onder de grachten', 'Zonnepanelen op grachtenpanden']);
    expect(ascending.page?.pageInfo.hasNextPage).toBe(true);
    const rest = await escalations(analyst, {
      orderBy: 'TITLE',
      first: 2,
      after: ascending.page?.pageInfo.endCursor,
    });
    expect(titles(rest.page)).toEqual(['Zonnepanelen op monumenten']);

    const descending = await escalations(analyst, { orderBy: 'TITLE', descending: true, first: 2 });
    expect(titles(descending.page)).toEqual(['Zonnepanelen op monumenten', 'Zonnepanelen op grachtenpanden']);
    const after = await escalations(analyst, {
      orderBy: 'TITLE',
      descending: true,
      first: 2,
      after: descending.page?.pageInfo.endCursor,
    });
    expect(titles(after.page)).toEqual(['Warmtenet onder de grachten']);

    // The officer's own, in raising order, newest first.
    expect(
      (await escalations(utrechtOfficer, { orderBy: 'RAISED_AT', descending: true })).page?.edges.map(
        (edge) => edge.node.id,
      ),
    ).toEqual([utrechtEnergy, utrechtHeritage]);
    expect(amsterdam).not.toBe('');
  });

  it('refuses a cursor of the deadline order in the title order', async () => {
    const byDeadline = await escalations(analyst, { first: 1 });
    const refused = await escalations(analyst, {
      orderBy: 'TITLE',
      after: byDeadline.page?.pageInfo.endCursor,
    });
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it("counts the escalations an authority raised on the board summary, within the reader's view", async () => {
    const summary = async (token: TokenClaims, variables: Record<string, unknown>) =>
      (
        await server.graphql<{
          data: { escalationBoard: { open: number; awaitingAcknowledgement: number } };
        }>(
          `query ($authority: ID, $raisedBy: ID) {
            escalationBoard(authority: $authority, raisedBy: $raisedBy) { open awaitingAcknowledgement }
          }`,
          { token, variables, headers: { 'x-consistent-with': position } },
        )
      ).body.data.escalationBoard;
    expect(await summary(utrechtOfficer, { raisedBy: 'gm0344' })).toEqual({
      open: 2,
      awaitingAcknowledgement: 2,
    });
    expect(await summary(amsterdamOfficer, { raisedBy: 'gm0363' })).toEqual({
      open: 1,
      awaitingAcknowledgement: 1,
    });
    // Amsterdam's officer asking after Utrecht's escalations counts none: they are not Amsterdam's to see.
    expect(await summary(amsterdamOfficer, { raisedBy: 'gm0344' })).toEqual({
      open: 0,
      awaitingAcknowledgement: 0,
    });
    expect(await summary(analyst, { raisedBy: 'gm0344', authority: 'pv26' })).toEqual({
      open: 2,
      awaitingAcknowledgement: 2,
    });
  });

  it('searches agreements by title and filters them by the policy domain of their escalation', async () => {
    const agreements = async (variables: Record<string, unknown>) =>
      (
        await server.graphql<{ data: { agreements: Page } }>(
          `query ($filter: AgreementFilter, $search: String) {
            agreements(filter: $filter, search: $search) { totalCount edges { node { id title } } }
          }`,
          { token: utrechtOfficer, variables, headers: { 'x-consistent-with': position } },
        )
      ).body.data.agreements;
    expect(titles(await agreements({ search: 'afspraak zonne' }))).toEqual(['Afspraak over zonnepanelen']);
    expect((await agreements({ search: 'afspraak' })).totalCount).toBe(2);
    expect(
      (await agreements({ filter: { policyDomains: ['heritage'] } })).edges.map((e) => e.node.id),
    ).toEqual([agreementOnHeritage]);
    expect((await agreements({ filter: { policyDomains: ['energy'] } })).totalCount).toBe(0);
  });

  it('searches experiments by title', async () => {
    const granted = async (title: string) =>
      write('/api/v1/experiments', provinceAdmin, experimentBody(await api.decided(), { title }));
    const experimentId = await granted('Proef met zonnepanelen op rijksmonumenten');
    await granted('Proef met warmtepompen');
    const response = await server.graphql<{ data: { experiments: Page } }>(
      `query ($search: String) { experiments(search: $search) { totalCount edges { node { id } } } }`,
      {
        token: analyst,
        variables: { search: 'rijksmonumenten proef' },
        headers: { 'x-consistent-with': position },
      },
    );
    expect(response.body.data.experiments.edges.map((edge) => edge.node.id)).toEqual([experimentId]);
  });

  it('lists the signals behind a norm conflict (both norms named) and the escalated ones, scoped to the reader', async () => {
    const other = await write(
      '/api/v1/signals',
      utrechtOfficer,
      signalBody({ type: 'BARRIER', title: 'Alleen het Bbl', norms: [{ ref: 'Bbl art. 4.101' }] }),
    );
    const signals = async (token: TokenClaims, variables: Record<string, unknown>) =>
      (
        await server.graphql<{
          data?: { signals: { edges: { node: { id: string; title: string } }[] } };
          errors?: { extensions: { code: string } }[];
        }>(
          `query ($norms: [String!], $escalated: Boolean) {
            signals(norms: $norms, escalated: $escalated, first: 50) { edges { node { id title } } }
          }`,
          { token, variables, headers: { 'x-consistent-with': position } },
        )
      ).body;
    const ids = async (token: TokenClaims, variables: Record<string, unknown>) =>
      (await signals(token, variables)).data?.signals.edges.map((edge) => edge.node.id) ?? [];
    // Every signal of this suite names both fixture norms except the one written just now.
    const pair = ['  bbl ART. 4.101', 'Omgevingsplan gemeente Utrecht art. 5.12'];
    const both = await ids(analyst, { norms: pair });
    expect(both).not.toContain(other);
    expect(both.length).toBeGreaterThanOrEqual(3);
    expect(await ids(analyst, { norms: ['Bbl art. 4.101'] })).toContain(other);
    // Amsterdam's officer sees Amsterdam's signal only, however many name the pair.
    const amsterdamOwn = await ids(amsterdamOfficer, { norms: pair });
    expect(amsterdamOwn).toHaveLength(1);
    // Escalated: the three signals raised above are, the lone one is not.
    expect(await ids(analyst, { escalated: false })).toContain(other);
    expect(await ids(analyst, { escalated: true })).not.toContain(other);
    expect(
      (await signals(analyst, { norms: ['a', 'b', 'c', 'd', 'e', 'f'] })).errors?.[0].extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  it("sorts the signals list by title or day observed both ways, paging on with that order, within the reader's own", async () => {
    const page = async (token: TokenClaims, variables: Record<string, unknown>) =>
      (
        await server.graphql<{
          data?: {
            signals: {
              pageInfo: { endCursor: string | null; hasNextPage: boolean };
              edges: { node: { title: string; observedAt: string; reportingAuthority: string } }[];
            };
          };
          errors?: { extensions: { code: string } }[];
        }>(
          `query ($orderBy: SignalOrder, $descending: Boolean, $first: Int, $after: String) {
            signals(orderBy: $orderBy, descending: $descending, first: $first, after: $after) {
              pageInfo { endCursor hasNextPage } edges { node { title observedAt reportingAuthority } }
            }
          }`,
          { token, variables, headers: { 'x-consistent-with': position } },
        )
      ).body;
    const walk = async (token: TokenClaims, variables: Record<string, unknown>): Promise<string[]> => {
      const titles: string[] = [];
      let after: string | null | undefined;
      do {
        const body = await page(token, { ...variables, first: 2, ...(after ? { after } : {}) });
        titles.push(...(body.data?.signals.edges.map((edge) => edge.node.title) ?? []));
        after = body.data?.signals.pageInfo.hasNextPage ? body.data.signals.pageInfo.endCursor : null;
      } while (after);
      return titles;
    };
    const ascending = await walk(analyst, { orderBy: 'TITLE' });
    expect(ascending.length).toBeGreaterThan(4);
    expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(await walk(analyst, { orderBy: 'TITLE', descending: true })).toEqual([...ascending].reverse());
    // Newest first by default; descending turns it round.
    const newest = await walk(analyst, {});
    expect(await walk(analyst, { descending: true })).toEqual([...newest].reverse());
    // The officer's own only, in the same order.
    const own = await walk(amsterdamOfficer, { orderBy: 'OBSERVED_ON' });
    expect(own).toEqual(['Belemmering in heritage']);
    const amsterdamRows = await page(amsterdamOfficer, { orderBy: 'TITLE' });
    expect(amsterdamRows.data?.signals.edges.map((edge) => edge.node.reportingAuthority)).toEqual(['gm0363']);
    // A cursor of one order is refused in another.
    const byRecording = await page(analyst, { first: 1 });
    const refused = await page(analyst, {
      orderBy: 'TITLE',
      after: byRecording.data?.signals.pageInfo.endCursor,
    });
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
