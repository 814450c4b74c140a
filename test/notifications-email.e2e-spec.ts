import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startTestServer, type TestServer } from './support/test-server';
import { AdministrationClient, provinceAdmin, utrechtOfficer } from './escalations.fixtures';
import type { TokenClaims } from '@praktijklus/testing';

const amsterdamAdmin: TokenClaims = { sub: 'admin-amsterdam', roles: ['admin'], authority: 'gm0363' };
const provinceAnalyst: TokenClaims = { sub: 'analyst-pv26', roles: ['analyst'], authority: 'pv26' };
const PUBLIC_URL = 'http://127.0.0.1:8443/app';
const INITIATIVE = { name: 'Jansen Zonne-energie', contact: 'j.jansen@example.nl' };

interface Mail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** Quoted-printable and base64 parts back to text (the few bits of MIME this test needs). */
function decodePart(part: string): { type: string; content: string } {
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return { type, content: Buffer.from(body, 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return { type, content: Buffer.from(bytes, 'latin1').toString('utf8') };
  }
  return { type, content: body };
}

function parseMail(raw: string, to: string[]): Mail {
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1] ?? '';
  const subject = header('subject').replace(
    /=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi,
    (_m, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodePart(`content-transfer-encoding: quoted-printable\n\n${text.replace(/_/g, ' ')}`).content,
  );
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(unfolded)?.[1];
  const parts = boundary === undefined ? [raw] : raw.split(`--${boundary}`).slice(1, -1);
  const decoded = parts.map((part) => decodePart(part.replace(/^\r?\n/, '')));
  return {
    to,
    from: header('from'),
    subject,
    text: decoded.find((p) => p.type === 'text/plain')?.content ?? '',
    html: decoded.find((p) => p.type === 'text/html')?.content ?? '',
    messageId: header('message-id'),
  };
}

/** A real SMTP server on loopback, in this process, without authentication. */
async function mailbox(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** A webhook receiver on loopback; `delayMs` makes it a slow one. */
async function receiver(delayMs = 0): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(body);
      setTimeout(() => {
        response.statusCode = 204;
        response.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await sleep(50);
  }
}

describe('e-mail notifications and the daily digest (booted server, real SMTP server on loopback)', () => {
  let smtp: Awaited<ReturnType<typeof mailbox>>;
  let server: TestServer;
  let api: AdministrationClient;
  const env = (): Record<string, string> => ({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Praktijklus <meldingen@praktijklus.example.nl>',
    PUBLIC_URL,
    DIGEST_HOUR: '0',
    DEADLINE_SCAN_INTERVAL_MS: '100',
    NON_RESPONSE_AFTER_WORKING_DAYS: '30',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });

  beforeAll(async () => {
    smtp = await mailbox();
    server = await startTestServer({ env: env(), keepDataDir: true });
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const subscribe = (token: TokenClaims, body: unknown) =>
    server.request<{ id: string; secret: string }>('POST', '/api/v1/subscriptions', { token, body });
  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

  it('mails what happened, to which escalation, with a link to its page; then one digest of the overdue', async () => {
    const province = await subscribe(provinceAdmin, {
      email: 'bestuurssecretariaat@pv26.example.nl',
      types: ['nl.praktijklus.escalation.raised', 'nl.praktijklus.escalation.deadline-passed'],
    });
    expect(province.status).toBe(201);
    const stranger = await subscribe(amsterdamAdmin, {
      email: 'secretariaat@gm0363.example.nl',
      types: ['nl.praktijklus.escalation.raised', 'nl.praktijklus.escalation.deadline-passed'],
    });
    expect(stranger.status).toBe(201);

    const signalId = await api.recordSignal(utrechtOfficer, { initiative: INITIATIVE });
    const id = await api.raise([signalId], { respondBy: new Date(Date.now() + 1500).toISOString() });
    const address = 'bestuurssecretariaat@pv26.example.nl';
    await until(() => mailsTo(address).length >= 3);

    const [raised] = mailsTo(address).filter((m) => m.subject.includes('escalatie ingediend'));
    expect(raised.from).toContain('meldingen@praktijklus.example.nl');
    expect(raised.subject).toContain('Zonnepanelen op monumenten');
    expect(raised.text).toContain(`${PUBLIC_URL}/escalations/${id}`);
    expect(raised.html).toContain(`href="${PUBLIC_URL}/escalations/${id}"`);
    expect(raised.text).toContain('Gericht aan: pv26');

    const passed = mailsTo(address).find((m) => m.subject.includes('reactietermijn'));
    expect(passed?.text).toContain(`${PUBLIC_URL}/escalations/${id}`);

    const digests = mailsTo(address).filter((m) => m.subject.includes('over de termijn'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toMatch(/^Praktijklus: 1 item over de termijn/);
    expect(digests[0].text).toContain('Escalatie Zonnepanelen op monumenten');
    expect(digests[0].text).toContain(`${PUBLIC_URL}/escalations/${id}`);

    // Nothing personal leaves the platform: not the initiative, not who reported or raised.
    for (const mail of smtp.mails) {
      const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
      expect(all).not.toContain(INITIATIVE.name);
      expect(all).not.toContain(INITIATIVE.contact);
      expect(all).not.toContain(String(utrechtOfficer.sub));
    }
    // Amsterdam takes no part in this escalation: no mail, no digest.
    await sleep(500);
    expect(mailsTo('secretariaat@gm0363.example.nl')).toHaveLength(0);

    const deliveries = await server.request<
      Array<{ type: string; status: string; lastStatus: number; attempts: number }>
    >('GET', `/api/v1/subscriptions/${province.body.id}/deliveries`, { token: provinceAdmin });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.map((d) => d.type).sort()).toEqual([
      'nl.praktijklus.digest.overdue',
      'nl.praktijklus.escalation.deadline-passed',
      'nl.praktijklus.escalation.raised',
    ]);
    for (const delivery of deliveries.body) {
      expect(delivery).toMatchObject({ status: 'DELIVERED', lastStatus: 250, attempts: 1 });
    }
  });

  it('puts the same link in a webhook’s CloudEvent as the extension praktijklusweblink', async () => {
    const hook = await receiver();
    expect(
      (await subscribe(provinceAnalyst, { url: hook.url, types: ['nl.praktijklus.escalation.raised'] }))
        .status,
    ).toBe(201);
    const id = await api.raised();
    await until(() => hook.bodies.length >= 1);
    expect(JSON.parse(hook.bodies[0])).toMatchObject({
      subject: id,
      praktijklusweblink: `${PUBLIC_URL}/escalations/${id}`,
    });
    await hook.close();
  });

  it('holds up neither another receiver nor the e-mail for a slow receiver', async () => {
    const slow = await receiver(8000);
    const fast = await receiver();
    for (const hook of [slow, fast]) {
      const created = await subscribe(provinceAnalyst, {
        url: hook.url,
        types: ['nl.praktijklus.escalation.acknowledged'],
      });
      expect(created.status).toBe(201);
    }
    expect(
      (
        await subscribe(provinceAdmin, {
          email: 'behandeling@pv26.example.nl',
          types: ['nl.praktijklus.escalation.acknowledged'],
        })
      ).status,
    ).toBe(201);
    const started = Date.now();
    await api.acknowledged();
    await until(() => slow.bodies.length === 1 && fast.bodies.length === 1);
    // An escalation left overdue by the first test makes today's digest go to every e-mail
    // subscription, this new one too; only the acknowledgement's mail is what this test waits for.
    const acknowledgements = () =>
      mailsTo('behandeling@pv26.example.nl').filter((mail) => !mail.subject.includes('over de termijn'));
    await until(() => acknowledgements().length === 1);
    expect(Date.now() - started).toBeLessThan(5000);
    await slow.close();
    await fast.close();
  });

  it('describes the subscription API in the OpenAPI document', async () => {
    const document = await server.request<{
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    }>('GET', '/api/docs-json');
    expect(document.status).toBe(200);
    const { paths } = document.body;
    expect(Object.keys(paths['/api/v1/subscriptions']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/subscriptions/{id}'])).toEqual(['delete']);
    expect(Object.keys(paths['/api/v1/subscriptions/{id}/deliveries'])).toEqual(['get']);
    expect(paths['/api/v1/subscriptions'].post.tags).toEqual(['subscriptions']);
    expect(JSON.stringify(document.body)).toContain('SMTP reply code');
  });

  it('sends the day’s digest only once, across a restart', async () => {
    const address = 'bestuurssecretariaat@pv26.example.nl';
    const before = mailsTo(address).filter((m) => m.subject.includes('over de termijn')).length;
    expect(before).toBe(1);
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ env: { ...env(), DATA_DIR: dataDir } });
    api = new AdministrationClient(server);
    await sleep(1500);
    expect(mailsTo(address).filter((m) => m.subject.includes('over de termijn'))).toHaveLength(1);
  });

  it('refuses an e-mail subscription to an analyst', async () => {
    const answer = await subscribe(provinceAnalyst, {
      email: 'analist@pv26.example.nl',
      types: ['nl.praktijklus.escalation.raised'],
    });
    expect(answer.status).toBe(403);
  });
});
