import type { FollowUpAssessment } from '@praktijklus/domain';
import { DemoRandom } from './demo-random';
import type { DemoStep } from './demo-steps';
import { MINUTE, HOUR, DAY, type PlannedSignal, iso, dayOf, addDays, middayOf, admin } from './demo-planning';

export function planAgreement(
  agreementId: string,
  escalationId: string | null,
  owner: string,
  others: string[],
  signal: PlannedSignal,
  after: number,
  random: DemoRandom,
  officeHours: (ms: number) => number,
  add: (step: DemoStep) => boolean,
): void {
  const madeAt = officeHours(after + random.int(3, 25) * DAY);
  const madeOn = dayOf(madeAt);
  const dueBy = addDays(madeOn, random.int(45, 240));
  const first = addDays(madeOn, random.int(14, 45));
  const firstFollowUpOn = first > dueBy ? dueBy : first;
  const parties = [...new Set([owner, ...others])];
  const made = add({
    kind: 'make-agreement',
    at: madeAt,
    actor: admin(owner),
    now: iso(madeAt),
    agreementId,
    title: random.pick([
      `Handreiking voor ${signal.subject}`,
      `Regels voor ${signal.subject} verduidelijken`,
      `Gezamenlijk toetsingskader: ${signal.subject}`,
      `Instructieregel aanpassen voor ${signal.subject}`,
    ]),
    commitment: `De eigenaar werkt de afspraak uit met de betrokken overheden en rapporteert de voortgang in de terugkomgesprekken.`,
    owner,
    parties,
    dueBy,
    firstFollowUpOn,
    escalationId,
  });
  if (!made) return;
  const step = (at: number, command: Extract<DemoStep, { kind: 'agreement' }>['command']): boolean =>
    add({ kind: 'agreement', at, agreementId, command });

  if (random.chance(0.05)) {
    const at = officeHours(madeAt + random.int(5, 40) * DAY);
    step(at, {
      type: 'CancelAgreement',
      actor: admin(owner),
      now: iso(at),
      data: { agreementId, reason: 'Opgegaan in een bredere landelijke afspraak.' },
    });
    return;
  }
  const closing = random.weighted<'fulfil' | 'unmet' | 'open'>([
    ['fulfil', 60],
    ['unmet', 22],
    ['open', 18],
  ]);
  const closeAt = Math.max(madeAt + DAY, officeHours(middayOf(dueBy) + random.int(-20, 20) * DAY));

  let percent = 0;
  const reports = random.int(0, 3);
  for (let r = 1; r <= reports; r++) {
    const at = Math.max(madeAt + HOUR, officeHours(madeAt + ((closeAt - madeAt) * r) / (reports + 1)));
    percent = Math.min(100, percent + random.int(10, 40));
    if (at >= closeAt) break;
    step(at, {
      type: 'ReportProgress',
      actor: admin(owner),
      now: iso(at),
      data: { agreementId, percent, note: `Stand van zaken: ${percent}% gereed.` },
    });
  }

  let next: string | null = firstFollowUpOn;
  while (next !== null && !random.chance(0.12)) {
    const candidate = addDays(next, random.int(-2, 7));
    const heldOn: string = candidate < madeOn ? madeOn : candidate;
    // On the day held, and after the agreement was made when that is the same day.
    const at = Math.max(madeAt + HOUR, middayOf(heldOn) + random.int(0, 180) * MINUTE);
    if (at >= closeAt) break;
    const planned = addDays(heldOn, random.int(28, 70));
    const nextFollowUpOn: string | null = planned < dueBy ? planned : null;
    const held = step(at, {
      type: 'RecordFollowUp',
      actor: admin(random.pick(parties)),
      now: iso(at),
      data: {
        agreementId,
        heldOn,
        assessment: random.weighted<FollowUpAssessment>([
          ['ON_TRACK', 55],
          ['AT_RISK', 30],
          ['OFF_TRACK', 15],
        ]),
        notes: 'Terugkomgesprek gevoerd met alle partijen.',
        nextFollowUpOn,
      },
    });
    if (!held) return;
    next = nextFollowUpOn;
  }
  if (closing === 'fulfil') {
    step(closeAt, {
      type: 'FulfilAgreement',
      actor: admin(owner),
      now: iso(closeAt),
      data: { agreementId, result: 'Afspraak nagekomen; resultaat gedeeld met alle partijen.' },
    });
  } else if (closing === 'unmet') {
    step(closeAt, {
      type: 'MarkAgreementUnmet',
      actor: admin(owner),
      now: iso(closeAt),
      data: { agreementId, reason: 'Onvoldoende capaciteit om de afspraak binnen de termijn na te komen.' },
    });
  }
}
