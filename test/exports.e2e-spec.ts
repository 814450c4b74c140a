import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { adminOf, analyst, officers, write, writeSignals, type WrittenSignal } from './views.fixtures';

// The suite boots a server and writes its data set over HTTP; a loaded machine needs more than 5 s.
jest.setTimeout(60_000);

interface GraphqlBody<T> {
  data: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

interface CsvFile {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** Header line first. */
  records: string[][];
}

/** RFC 4180 read strictly: CRLF between records, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

const FORMULA_TITLE = '=HYPERLINK("https://example.org") knelpunt';
const TRICKY_DESCRIPTION = 'Een "citaat", met een komma\nen een tweede regel.';

describe('CSV exports of the views', () => {
  let server: TestServer;
  let signals: WrittenSignal[];
  let position: string;

  const csv = async (path: string, token?: TokenClaims): Promise<CsvFile> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${await server.token(token)}`;
    const response = await fetch(`${server.url}/api/v1/exports/${path}`, { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    return { status: response.status, headers: response.headers, bytes, records: parseCsv(text) };
  };
  /** The records as objects by header name. */
  const rowsOf = (file: CsvFile): Array<Record<string, string>> => {
    expect(file.status).toBe(200);
    const [header, ...rows] = file.records;
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  };
  const query = async <T>(text: string, token: TokenClaims, variables?: Record<string, unknown>) => {
    const response = await server.graphql<GraphqlBody<T>>(text, {
      token,
      headers: { 'x-consistent-with': position },
      ...(variables ? { variables } : {}),
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ signals, position } = await writeSignals(server));
    const tricky = await write(server, '/api/v1/signals', officers.gm0344, {
      type: 'BARRIER',
      title: FORMULA_TITLE,
      description: TRICKY_DESCRIPTION,
      policyDomain: 'water',
      level: 'POLICY',
      initiativeKind: 'CITIZEN_INITIATIVE',
      observedAt: '2025-11-02',
      authorities: ['gm0344'],
      norms: [],
      initiative: { name: '+31 Initiatief, "De Buurt"', contact: 'buurt@example.nl' },
    });
    const raise = (token: TokenClaims, indexes: number[], addressedTo: string) =>
      write(server, '/api/v1/escalations', token, {
        signalIds: indexes.map((i) => signals[i].id),
        title: `Escalatie naar ${addressedTo}`,
        reason: 'Het knelpunt vraagt een bestuurlijk besluit.',
        addressedTo,
      });
    const e1 = await raise(officers.gm0344, [1, 11], 'mnre1171');
    const e2 = await raise(officers.pv26, [3, 8], 'mnre1153');
    await raise(officers.so0697, [14], 'gm0344');
    await write(server, '/api/v1/agreements', adminOf('pv26'), {
      title: 'Afspraak van pv26',
      commitment: 'Een handreiking opstellen.',
      owner: 'pv26',
      parties: ['gm0344'],
      dueBy: '2030-01-01',
      firstFollowUpOn: '2029-06-01',
    });
    await write(server, '/api/v1/agreements', adminOf('mnre1171'), {
      title: 'Afspraak van het ministerie',
      commitment: 'De regel aanpassen.',
      owner: 'mnre1171',
      parties: ['gm0344', 'pv26'],
      dueBy: '2030-01-01',
      firstFollowUpOn: '2029-06-01',
      escalationId: e1.id,
    });
    await write(server, `/api/v1/escalations/${e1.id}/acknowledge`, adminOf('mnre1171'), {});
    await write(server, `/api/v1/escalations/${e1.id}/decide`, adminOf('mnre1171'), {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Proef.',
    });
    ({ position } = await write(server, '/api/v1/experiments', adminOf('mnre1171'), {
      escalationId: e1.id,
      title: 'Proef met lozing',
      hypothesis: 'Lozen onder voorwaarden schaadt niet.',
      legalRoute: 'EXPERIMENT_CLAUSE',
      startsOn: '2025-01-06',
      endsOn: '2025-06-30',
    }));
    await write(server, `/api/v1/escalations/${e2.id}/acknowledge`, adminOf('mnre1153'), {});
    await write(server, `/api/v1/escalations/${e2.id}/decide`, adminOf('mnre1153'), {
      outcome: 'POLICY_ADJUSTED',
      rationale: 'De regeling wordt aangepast.',
    });
    ({ position } = await write(server, '/api/v1/policy-changes', adminOf('mnre1153'), {
      title: 'Lozingsregels verduidelijkt',
      description: 'De regeling noemt voortaan de toegestane lozingen.',
      policyDomain: 'water',
      norms: [{ ref: 'Bal art. 3.1' }],
      effectiveOn: '2026-01-01',
      escalationIds: [e2.id],
    }));
    expect(tricky.id).toBeDefined();
    // Read-your-writes: once this answers, every export below reads the same read models.
    await query('{ signals { totalCount } }', analyst);
  });

  afterAll(async () => {
    await server.close();
  });

  const ROLES: TokenClaims[] = [officers.gm0344, officers.pv26, analyst, adminOf('gm0344'), adminOf('pv26')];

  it('signals: the rows are the view’s totalCount for each filter and role, the same ids', async () => {
    const cases: Array<{ filter: Record<string, unknown>; search?: string; params: string }> = [
      { filter: {}, params: '' },
      { filter: { types: ['BARRIER', 'KNOWLEDGE_GAP'] }, params: 'types=BARRIER,KNOWLEDGE_GAP' },
      {
        filter: { policyDomains: ['water'], observedFrom: '2025-10-01' },
        params: 'policyDomains=water&observedFrom=2025-10-01',
      },
      { filter: { statuses: ['WITHDRAWN', 'DUPLICATE'] }, params: 'statuses=WITHDRAWN&statuses=DUPLICATE' },
      {
        filter: { governmentLayers: ['MUNICIPALITY'] },
        search: 'Warmtenet',
        params: 'governmentLayers=MUNICIPALITY&search=Warmtenet',
      },
    ];
    for (const token of ROLES) {
      for (const { filter, search, params } of cases) {
        const view = await query<{ signals: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
          'query ($filter: SignalFilter, $search: String) { signals(filter: $filter, search: $search, first: 100) { totalCount edges { node { id } } } }',
          token,
          { filter, ...(search ? { search } : {}) },
        );
        const rows = rowsOf(await csv(`signals.csv?${params}`, token));
        expect({ token: token.sub, params, rows: rows.length }).toEqual({
          token: token.sub,
          params,
          rows: view.signals.totalCount,
        });
        expect(rows.map((row) => row.id)).toEqual(view.signals.edges.map((edge) => edge.node.id));
      }
    }
  });

  it('signals: initiative name and contact only for the reporting authority’s officers and admins', async () => {
    const named = async (token: TokenClaims) =>
      rowsOf(await csv('signals.csv', token))
        .filter((row) => row.initiativeName !== '')
        .map((row) => row.reportingAuthority);
    // Withdrawn signals are not listed by default, in the view as in the file.
    const withInitiative = signals.filter((s) => s.initiative !== null && s.status !== 'WITHDRAWN');
    const ownOf = (authority: string) => withInitiative.filter((s) => s.authority === authority).length;
    expect(await named(officers.gm0344)).toEqual(Array(ownOf('gm0344') + 1).fill('gm0344'));
    expect(await named(adminOf('pv26'))).toEqual(Array(ownOf('pv26')).fill('pv26'));
    expect(await named(analyst)).toEqual([]);
    const all = rowsOf(await csv('signals.csv', analyst));
    expect(all.filter((row) => row.hasInitiative === 'true')).toHaveLength(withInitiative.length + 1);
    expect(all.every((row) => row.initiativeContact === '')).toBe(true);
  });

  it('is RFC 4180 UTF-8 with a BOM, quotes what needs it and disarms formulas', async () => {
    const file = await csv('signals.csv?policyDomains=water', officers.gm0344);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="signals.csv"');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""https://example.org"") knelpunt"`);
    expect(text).toContain('"Een ""citaat"", met een komma\nen een tweede regel."');
    const row = rowsOf(file).find((r) => r.description === TRICKY_DESCRIPTION);
    expect(row).toMatchObject({
      title: `'${FORMULA_TITLE}`,
      initiativeName: `'+31 Initiatief, "De Buurt"`,
      initiativeContact: 'buurt@example.nl',
    });
  });

  it('escalations, agreements and experiments: the rows are the view’s totalCount', async () => {
    const views: Array<[string, string, string, Array<[Record<string, unknown>, string]>]> = [
      [
        'escalations',
        'EscalationFilter',
        'escalations.csv',
        [
          [{}, ''],
          [{ statuses: ['RAISED', 'DECIDED'] }, 'statuses=RAISED,DECIDED'],
          [{ addressedTo: 'gm0344' }, 'addressedTo=gm0344'],
          [{ overdue: false }, 'overdue=false'],
        ],
      ],
      [
        'agreements',
        'AgreementFilter',
        'agreements.csv',
        [
          [{}, ''],
          [{ party: 'pv26' }, 'party=pv26'],
          [{ statuses: ['OPEN'], overdue: false }, 'statuses=OPEN&overdue=false'],
        ],
      ],
      [
        'experiments',
        'ExperimentFilter',
        'experiments.csv',
        [
          [{}, ''],
          [{ overdue: true }, 'overdue=true'],
          [{ statuses: ['EVALUATED'] }, 'statuses=EVALUATED'],
        ],
      ],
      [
        'policyChanges',
        'PolicyChangeFilter',
        'policy-changes.csv',
        [
          [{}, ''],
          [{ statuses: ['RECORDED'], policyDomains: ['water'] }, 'statuses=RECORDED&policyDomains=water'],
          [{ statuses: ['WITHDRAWN'] }, 'statuses=WITHDRAWN'],
        ],
      ],
    ];
    for (const token of ROLES) {
      for (const [field, type, path, cases] of views) {
        for (const [filter, params] of cases) {
          const view = await query<Record<string, { totalCount: number }>>(
            `query ($filter: ${type}) { ${field}(filter: $filter, first: 100) { totalCount } }`,
            token,
            { filter },
          );
          const rows = rowsOf(await csv(`${path}?${params}`, token));
          expect({ token: token.sub, path, params, rows: rows.length }).toEqual({
            token: token.sub,
            path,
            params,
            rows: view[field].totalCount,
          });
        }
      }
    }
    const board = rowsOf(await csv('escalations.csv', officers.gm0344));
    expect(board.length).toBe(2);
    expect(rowsOf(await csv('escalations.csv', analyst)).length).toBe(3);
  });

  it('policy changes: the escalations behind a change only as far as the caller may read them', async () => {
    const column = async (token: TokenClaims) => {
      const rows = rowsOf(await csv('policy-changes.csv', token));
      const header = rows[0] === undefined ? [] : Object.keys(rows[0]);
      expect(header).toContain('escalationIds');
      return rows.map((row) => row.escalationIds);
    };
    // pv26 raised the escalation behind the change; gm0344 is no party to it.
    expect((await column(officers.pv26))[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await column(officers.gm0344)).toEqual(['']);
    expect((await column(analyst))[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signal statistics and accountability: the view’s rows, figure for figure', async () => {
    const stats = await query<{
      signalStats: Array<{ key: { type: string; policyDomain: string }; count: number }>;
    }>(
      '{ signalStats(groupBy: [TYPE, POLICY_DOMAIN], filter: { levels: [POLICY, SYSTEM] }) { key { type policyDomain } count } }',
      officers.pv26,
    );
    const statRows = rowsOf(
      await csv('signal-stats.csv?groupBy=TYPE,POLICY_DOMAIN&levels=POLICY,SYSTEM', officers.pv26),
    );
    expect(statRows.map((row) => [row.type, row.policyDomain, Number(row.count)])).toEqual(
      stats.signalStats.map((row) => [row.key.type, row.key.policyDomain, row.count]),
    );
    expect(rowsOf(await csv('signal-stats.csv', analyst))).toHaveLength(1);

    for (const [args, params] of [
      ['', ''],
      ['(layer: PROVINCE)', 'layer=PROVINCE'],
      ['(authority: "gm0344")', 'authority=gm0344'],
    ]) {
      const view = await query<{ accountability: Array<{ authority: string; signalsReported: number }> }>(
        `{ accountability${args} { authority signalsReported } }`,
        officers.gm0344,
      );
      const rows = rowsOf(await csv(`accountability.csv?${params}`, officers.gm0344));
      expect(rows.map((row) => [row.authority, Number(row.signalsReported)])).toEqual(
        view.accountability.map((row) => [row.authority, row.signalsReported]),
      );
    }
  });

  it('refuses bad filters with 400 problem+json and writes no CSV', async () => {
    const bad = [
      'signals.csv?types=NOPE',
      'signals.csv?colour=red',
      `signals.csv?policyDomains=${Array.from({ length: 51 }, (_, i) => `d${i}`).join(',')}`,
      'signals.csv?observedFrom=gisteren',
      `signals.csv?search=${'a'.repeat(201)}`,
      'signal-stats.csv?groupBy=COLOUR',
      'signal-stats.csv?groupBy=TYPE&bucket=YEAR',
      'escalations.csv?overdue=misschien',
      'escalations.csv?addressedTo=a&addressedTo=b',
      'agreements.csv?statuses=OPEN,NOPE',
      'experiments.csv?escalationId=' + 'x'.repeat(101),
      'accountability.csv?layer=CONTINENT',
      'accountability.csv?authority=gm9999',
    ];
    for (const path of bad) {
      const file = await csv(path, analyst);
      expect({ path, status: file.status, type: file.headers.get('content-type') }).toEqual({
        path,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    expect((await csv('signals.csv')).status).toBe(401);
  });
});
