import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst,
  experimentBody,
  provinceAdmin,
  raiseBody,
  utrechtOfficer,
} from './escalations.fixtures';
import { signalBody } from './signals.fixtures';

jest.setTimeout(60_000);

interface Similar {
  signal: { id: string };
  score: number;
  reasons: string[];
  duplicateIds: string[];
}

const heatPump = (title: string, overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  signalBody({
    type: 'BARRIER',
    title,
    description:
      'De geluidsnorm voor warmtepompen botst met de gasloze nieuwbouw in de binnenstad van Utrecht.',
    policyDomain: 'energy',
    norms: [{ ref: 'Bkl art. 5.65', title: 'Geluid warmtepompen' }],
    ...overrides,
  });

describe('Knowledge within reach: similar signals and precedents (issue 17)', () => {
  let server: TestServer;
  let client: AdministrationClient;
  let position = '';
  const ids: Record<string, string> = {};

  const record = async (token: TokenClaims, body: Record<string, unknown>): Promise<string> => {
    const written = await client.ok('/api/v1/signals', token, body, 201);
    position = written.position;
    return written.id;
  };

  const ask = async <T>(
    token: TokenClaims,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> => {
    const response = await server.graphql<{ data: T; errors?: unknown[] }>(query, {
      token,
      variables,
      headers: { 'x-consistent-with': position },
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };

  const similarTo = async (token: TokenClaims, id: string): Promise<Similar[]> =>
    (
      await ask<{ signal: { similar: Similar[] } }>(
        token,
        'query ($id: ID!) { signal(id: $id) { similar(first: 10) { signal { id } score reasons duplicateIds } } }',
        { id },
      )
    ).signal.similar;

  beforeAll(async () => {
    server = await startTestServer();
    client = new AdministrationClient(server);
    ids.own = await record(utrechtOfficer, heatPump('Warmtepomp te luid voor gasloze nieuwbouw'));
    ids.kin = await record(utrechtOfficer, heatPump('Geluidsnorm warmtepompen blokkeert gasloze wijk'));
    ids.textOnly = await record(
      utrechtOfficer,
      heatPump('Gasloze nieuwbouw: geluidsnorm warmtepompen', {
        policyDomain: 'heritage',
        norms: [{ ref: 'Bbl art. 3.1' }],
      }),
    );
    ids.domainOnly = await record(
      utrechtOfficer,
      heatPump('Laadpaal in parkeergarage zonder aansluiting', {
        description: 'De netbeheerder kan de laadpalen pas over drie jaar aansluiten.',
        norms: [{ ref: 'Bbl art. 6.2' }],
      }),
    );
    ids.unrelated = await record(
      utrechtOfficer,
      signalBody({
        type: 'BARRIER',
        title: 'Parkeernorm bij kantoortransformatie onduidelijk',
        description: 'Fietsen en auto’s.',
        norms: [],
      }),
    );
    ids.foreign = await record(
      amsterdamOfficer,
      heatPump('Warmtepompen in Amsterdam te luid voor gasloze nieuwbouw'),
    );
    ids.withdrawn = await record(
      utrechtOfficer,
      heatPump('Warmtepomp geluidsnorm gasloze nieuwbouw ingetrokken'),
    );
    position = (
      await client.ok(`/api/v1/signals/${ids.withdrawn}/withdraw`, utrechtOfficer, { reason: 'Vergissing' })
    ).position;
    ids.duplicate = await record(
      utrechtOfficer,
      heatPump('Warmtepomp te luid voor gasloze nieuwbouw (dubbel)'),
    );
    position = (
      await client.ok(`/api/v1/signals/${ids.duplicate}/duplicate-of`, analyst, { signalId: ids.own })
    ).position;
  });

  afterAll(() => server?.close());

  it('ranks a signal with shared norm, domain and words first, with its reasons, and never itself or its duplicates', async () => {
    const similar = await similarTo(utrechtOfficer, ids.own);
    expect(similar[0]).toMatchObject({
      signal: { id: ids.kin },
      reasons: ['SHARED_NORM', 'SAME_DOMAIN', 'TEXT'],
    });
    const found = similar.map((entry) => entry.signal.id);
    // Words in common only: found for its text, ranked below the signal that also shares norm and domain.
    expect(similar.find((entry) => entry.signal.id === ids.textOnly)?.reasons).toEqual(['TEXT']);
    expect(found.indexOf(ids.kin)).toBeLessThan(found.indexOf(ids.textOnly));
    // Rare words weigh more than a shared policy domain alone.
    expect(similar.find((entry) => entry.signal.id === ids.domainOnly)?.reasons).toEqual(['SAME_DOMAIN']);
    expect(found.indexOf(ids.textOnly)).toBeLessThan(found.indexOf(ids.domainOnly));
    expect(found).not.toContain(ids.unrelated);
    expect(found).not.toContain(ids.own);
    expect(found).not.toContain(ids.duplicate);
    const scores = similar.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("never shows an officer another authority's signal, nor anyone a withdrawn one", async () => {
    const officer = (await similarTo(utrechtOfficer, ids.own)).map((entry) => entry.signal.id);
    expect(officer).not.toContain(ids.foreign);
    expect(officer).not.toContain(ids.withdrawn);
    const all = (await similarTo(analyst, ids.own)).map((entry) => entry.signal.id);
    expect(all).toContain(ids.foreign);
    expect(all).not.toContain(ids.withdrawn);
  });

  it('shows a duplicate group once, under its best match, naming the other members', async () => {
    const fromKin = await similarTo(utrechtOfficer, ids.kin);
    const group = fromKin.filter((entry) => [ids.own, ids.duplicate].includes(entry.signal.id));
    expect(group).toHaveLength(1);
    expect([group[0].signal.id, ...group[0].duplicateIds].sort()).toEqual([ids.own, ids.duplicate].sort());
  });

  it('suggests similar signals while an officer types, scoped the same way', async () => {
    const { similarTo: found } = await ask<{ similarTo: Similar[] }>(
      utrechtOfficer,
      'query ($input: SimilarToInput!) { similarTo(input: $input) { signal { id } reasons duplicateIds } }',
      {
        input: {
          text: 'warmtepomp geluidsnorm gasloze nieuwbouw',
          policyDomain: 'energy',
          type: 'CONFLICTING_NORMS',
        },
      },
    );
    // The recorded signal and its duplicate are one group, shown once.
    expect(found.filter((entry) => [entry.signal.id, ...entry.duplicateIds].includes(ids.own))).toHaveLength(
      1,
    );
    const suggested = found.flatMap((entry) => [entry.signal.id, ...entry.duplicateIds]);
    expect(suggested).toEqual(expect.arrayContaining([ids.own, ids.duplicate, ids.kin]));
    expect(suggested).not.toContain(ids.foreign);
    expect(suggested).not.toContain(ids.withdrawn);
  });

  it('refuses a first outside 1..20 as bad input', async () => {
    const response = await server.graphql<{ errors: Array<{ extensions: { code: string } }> }>(
      'query ($id: ID!) { signal(id: $id) { similar(first: 500) { score } } }',
      { token: utrechtOfficer, variables: { id: ids.own }, headers: { 'x-consistent-with': position } },
    );
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers precedents: decided escalations of signals sharing norms, with what followed, for every role', async () => {
    const escalation = (await client.ok('/api/v1/escalations', utrechtOfficer, raiseBody([ids.kin]), 201)).id;
    const undecided = (
      await client.ok('/api/v1/escalations', utrechtOfficer, raiseBody([ids.unrelated]), 201)
    ).id;
    await client.ok(`/api/v1/escalations/${escalation}/acknowledge`, provinceAdmin, {});
    await client.ok(`/api/v1/escalations/${escalation}/decide`, provinceAdmin, {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Een proef met stillere warmtepompen in twee wijken.',
    });
    position = (await client.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalation), 201))
      .position;

    const query = `query ($id: ID!) { precedents(signalId: $id) { basis sharedNormCount
      escalation { id outcome rationale decidedAt addressedTo addressedToName }
      experiments { title status } agreements { id } } }`;
    for (const reader of [utrechtOfficer, analyst]) {
      const { precedents } = await ask<{ precedents: Array<Record<string, unknown>> }>(reader, query, {
        id: ids.own,
      });
      expect(precedents).toEqual([
        expect.objectContaining({
          basis: 'SHARED_NORM',
          sharedNormCount: 1,
          escalation: expect.objectContaining({
            id: escalation,
            outcome: 'EXPERIMENT_GRANTED',
            rationale: 'Een proef met stillere warmtepompen in twee wijken.',
            addressedToName: 'Provincie Utrecht',
          }),
          experiments: [
            { title: 'Pilot zonnepanelen op drie rijksmonumenten in Utrecht', status: 'RUNNING' },
          ],
        }),
      ]);
      expect(JSON.stringify(precedents)).not.toContain(undecided);
    }
    // A signal is no precedent for itself, and another authority's signal has none for an officer.
    expect((await ask<{ precedents: unknown[] }>(analyst, query, { id: ids.kin })).precedents).toEqual([]);
    expect(
      (await ask<{ precedents: unknown[] }>(utrechtOfficer, query, { id: ids.foreign })).precedents,
    ).toEqual([]);
  });
});
