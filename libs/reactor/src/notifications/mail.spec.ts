import type { RecordedEvent } from '@praktijklus/event-store';
import { cloudEventOf, PAGE_LINK_ATTRIBUTE } from './cloud-events';
import { amsterdamDayAndHour } from './digest';
import { pagePathOf } from './links';
import { digestMail, dutchDate, notificationMail } from './mail';

const ESCALATION = '3ae916af-b7e7-487a-a44b-24c2ec9d57bb';

const raised = (title: string): RecordedEvent =>
  ({
    id: '0b3c8f5e-6f7a-4d7e-9a51-2f8d3c1e7a90',
    streamId: `escalation-${ESCALATION}`,
    type: 'EscalationRaised',
    revision: 0,
    position: '1',
    recordedAt: '2026-03-01T09:00:00.000Z',
    data: {
      escalationId: ESCALATION,
      title,
      reason: 'Loopt vast',
      signalIds: [],
      raisedBy: 'gm0344',
      raisedByUser: 'officer-utrecht',
      addressedTo: 'pv26',
      respondBy: '2026-03-06T16:00:00.000Z',
      raisedAt: '2026-03-01T09:00:00.000Z',
    },
    metadata: {},
  }) as unknown as RecordedEvent;

describe('notification e-mail', () => {
  it('says what happened to which entity, with its dates and the link, without who raised it', () => {
    const event = cloudEventOf(raised('Woningsplitsing'), 'https://praktijklus.example.nl');
    const mail = notificationMail(String(event?.type), String(event?.body), 'https://praktijklus.example.nl');
    expect(mail.subject).toBe('Praktijklus: er is een escalatie ingediend – Woningsplitsing');
    expect(mail.text).toContain(`Escalatie: Woningsplitsing (${ESCALATION})`);
    expect(mail.text).toContain('Reactie uiterlijk: 6 maart 2026 om 17:00');
    expect(mail.text).toContain(`https://praktijklus.example.nl/escalations/${ESCALATION}`);
    expect(`${mail.text}${mail.html}`).not.toContain('officer-utrecht');
  });

  it('escapes the HTML body', () => {
    const event = cloudEventOf(raised('<script>alert(1)</script> & zo'));
    const mail = notificationMail(String(event?.type), String(event?.body), 'https://p.example.nl');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; zo');
  });

  it('links only with PUBLIC_URL, in the CloudEvent as the extension attribute too', () => {
    const without = cloudEventOf(raised('T'));
    expect(JSON.parse(String(without?.body))).not.toHaveProperty(PAGE_LINK_ATTRIBUTE);
    expect(notificationMail(String(without?.type), String(without?.body), undefined).text).not.toContain(
      'Bekijk',
    );
    const withLink = JSON.parse(String(cloudEventOf(raised('T'), 'https://p.example.nl/app')?.body));
    expect(withLink[PAGE_LINK_ATTRIBUTE]).toBe(`https://p.example.nl/app/escalations/${ESCALATION}`);
  });

  it('lists the digest’s items with their due dates and links', () => {
    const mail = digestMail(
      {
        day: '2026-03-21',
        authority: 'gm0363',
        items: [
          {
            kind: 'escalation',
            entityId: ESCALATION,
            title: 'Woningsplitsing',
            dueOn: '2026-03-06T16:00:00.000Z',
          },
          { kind: 'experiment-evaluation', entityId: 'c1', title: null, dueOn: '2026-03-20' },
        ],
      },
      'https://p.example.nl',
    );
    expect(mail.subject).toBe('Praktijklus: 2 items over de termijn (21 maart 2026)');
    expect(mail.text).toContain(
      `- Escalatie Woningsplitsing: reactie uiterlijk 6 maart 2026 om 17:00 – https://p.example.nl/escalations/${ESCALATION}`,
    );
    expect(mail.text).toContain(
      '- Experiment c1: evaluatie na 20 maart 2026 – https://p.example.nl/experiments',
    );
  });
});

describe('links and the Amsterdam clock', () => {
  it('maps every entity to a browser route of the web app', () => {
    expect(pagePathOf('nl.praktijklus.signal.recorded', 'a b')).toBe('/signals/a%20b');
    expect(pagePathOf('nl.praktijklus.agreement.made', 'x')).toBe('/agreements');
    expect(pagePathOf('nl.praktijklus.other', 'x')).toBeUndefined();
  });

  it('reads the day and hour on the Dutch wall clock, summer time included', () => {
    expect(amsterdamDayAndHour(new Date('2026-03-07T23:30:00Z'))).toEqual({ day: '2026-03-08', hour: 0 });
    expect(amsterdamDayAndHour(new Date('2026-07-01T05:00:00Z'))).toEqual({ day: '2026-07-01', hour: 7 });
    expect(dutchDate('2026-03-20')).toBe('20 maart 2026');
  });
});
