import { startTestServer, type TestServer } from './support/test-server';
import type { TestResponse } from '../libs/testing/src/http-response';
import {
  AdministrationClient,
  agreementBody,
  analyst,
  dutchDate,
  type ProblemBody,
  provinceAdmin,
  raiseBody,
  signalBody,
  utrechtOfficer,
} from './escalations.fixtures';

// Every message the server sends can be Dutch: `Accept-Language` picks Dutch or English for
// problem+json `detail` and `errors[].message` (validation rules and domain refusals alike), naming
// fields as the web app's forms label them; `code` and `field` stay the same for programs.

const UNKNOWN_ID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
const past = (): string => new Date(Date.now() - 60_000).toISOString();

describe('problem+json in the reader’s language', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let signalId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
    signalId = await api.recordSignal();
  });

  afterAll(async () => {
    await server?.close();
  });

  const post = (path: `/api/v1/${string}`, body: unknown, language?: string, token = utrechtOfficer) =>
    api.post<ProblemBody>(path, token, body, language === undefined ? {} : { 'accept-language': language });

  const messagesOf = (response: TestResponse<ProblemBody>) =>
    (response.body.errors ?? []).map(({ field, message }) => `${field} | ${message}`);

  describe('a domain rule (respondBy in the past)', () => {
    const raise = (language?: string) =>
      post('/api/v1/escalations', raiseBody([signalId], { respondBy: past() }), language);

    it('answers in Dutch with the form label for nl, keeping code and field', async () => {
      const response = await raise('nl');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('RESPOND_BY_NOT_IN_FUTURE');
      expect(response.body.detail).toBe('Reageren vóór: kies een moment in de toekomst.');
      // Caches keep a Dutch and an English answer apart.
      expect(response.headers.get('vary')).toMatch(/accept-language/i);
      expect(messagesOf(response)).toEqual(['respondBy | Reageren vóór: kies een moment in de toekomst.']);
    });

    it('answers in English with the form label for en', async () => {
      const response = await raise('en-GB');
      expect(response.body.code).toBe('RESPOND_BY_NOT_IN_FUTURE');
      expect(messagesOf(response)).toEqual(['respondBy | Respond by: choose a moment in the future.']);
    });

    it('weighs q-values: the most preferred of Dutch and English wins', async () => {
      expect(messagesOf(await raise('fr, en;q=0.5, nl-BE;q=0.8'))[0]).toContain('Reageren vóór');
      expect(messagesOf(await raise('nl;q=0.2, en;q=0.9'))[0]).toContain('Respond by');
      expect(messagesOf(await raise('nl;q=0, en;q=0.1'))[0]).toContain('Respond by');
    });

    it('keeps the message for programs without a Dutch or English preference', async () => {
      for (const language of [undefined, '*', 'de-DE']) {
        const response = await raise(language);
        expect(messagesOf(response)).toEqual(['respondBy | respondBy must lie after now']);
      }
    });
  });

  it('says a date that may not lie in the future by its label (heldOn)', async () => {
    const agreementId = await api.agreement();
    const response = await post(
      `/api/v1/agreements/${agreementId}/follow-ups`,
      { heldOn: dutchDate(2), assessment: 'ON_TRACK', notes: 'Besproken.', nextFollowUpOn: dutchDate(30) },
      'nl',
      provinceAdmin,
    );
    expect(response.body.code).toBe('HELD_IN_FUTURE');
    expect(messagesOf(response)).toEqual(['heldOn | Gehouden op: mag niet in de toekomst liggen.']);
  });

  it('names an unknown signal in Dutch (duplicate-of)', async () => {
    const response = await post(
      `/api/v1/signals/${signalId}/duplicate-of`,
      { signalId: UNKNOWN_ID },
      'nl',
      analyst,
    );
    expect(response.body.code).toBe('UNKNOWN_SIGNAL');
    expect(response.body.detail).toBe(`Oorspronkelijk signaal: er is geen signaal ${UNKNOWN_ID}.`);
  });

  it('answers a refusal about no field as a sentence (not found)', async () => {
    const response = await post(`/api/v1/escalations/${UNKNOWN_ID}/acknowledge`, {}, 'nl', provinceAdmin);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ESCALATION_NOT_FOUND');
    expect(response.body.detail).toBe('Deze escalatie bestaat niet of u mag haar niet inzien.');
  });

  describe('validation rules of the request classes', () => {
    it('says maxLength with its limit, and counts the errors in the detail', async () => {
      const body = raiseBody([signalId], { reason: 'x'.repeat(5001) });
      const nl = await post('/api/v1/escalations', body, 'nl');
      expect(nl.body.code).toBe('VALIDATION_FAILED');
      expect(nl.body.detail).toBe('Het verzoek bevat 1 fout.');
      expect(messagesOf(nl)).toEqual(['reason | Reden: gebruik hoogstens 5.000 tekens.']);
      const en = await post('/api/v1/escalations', body, 'en');
      expect(en.body.detail).toBe('The request has 1 error.');
      expect(messagesOf(en)).toEqual(['reason | Reason: use at most 5,000 characters.']);
    });

    it('says isUUID, isIn, isIsoDate and arrayMaxSize in Dutch, several at once', async () => {
      const agreement = await post(
        '/api/v1/agreements',
        agreementBody({ escalationId: 'escalatie-7', dueBy: '2026-13-01' }),
        'nl',
        provinceAdmin,
      );
      expect(agreement.body.detail).toBe('Het verzoek bevat 2 fouten.');
      expect(messagesOf(agreement).sort()).toEqual([
        'dueBy | Gereed op: vul een geldige datum in (JJJJ-MM-DD).',
        'escalationId | Escalatie: is geen geldig id (een UUID zoals 3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d).',
      ]);

      const signal = await post('/api/v1/signals', signalBody({ type: 'KLACHT' }), 'nl');
      expect(messagesOf(signal)).toEqual(['type | Soort signaal: maak een keuze uit de lijst.']);

      const many = await post(
        '/api/v1/escalations',
        raiseBody(Array.from({ length: 51 }, () => UNKNOWN_ID)),
        'nl',
      );
      expect(messagesOf(many)).toEqual(['signalIds | Signalen: kies er hoogstens 50.']);
    });

    it('names a nested field by its label and position, and an unknown field by its path', async () => {
      const response = await post(
        '/api/v1/signals',
        signalBody({ norms: [{ ref: 'Bbl art. 4.101' }, { ref: 'x'.repeat(201) }], kleur: 'rood' }),
        'nl',
      );
      expect(messagesOf(response).sort()).toEqual([
        'kleur | kleur: dit veld bestaat niet.',
        'norms[1].ref | Verwijzing norm 2: gebruik hoogstens 200 tekens.',
      ]);
    });
  });

  it('answers GraphQL refusals in Dutch too, keeping extensions.code', async () => {
    const response = await server.graphql<{
      errors?: Array<{ message: string; extensions: { code: string } }>;
    }>('{ signals(first: -1) { edges { node { id } } } }', {
      token: analyst,
      headers: { 'accept-language': 'nl-NL,nl;q=0.9' },
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toBe('Aantal: vul een geheel getal van 1 tot 100 in.');
  });
});
