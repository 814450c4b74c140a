import { escalationHistoryChanges, signalHistoryChanges } from './history-changes';

const recorded = {
  type: 'SignalRecorded',
  data: {
    signalId: 's1',
    type: 'BARRIER',
    title: 'Oude titel',
    description: 'Beschrijving',
    policyDomain: 'building',
    level: 'POLICY',
    initiativeKind: 'CITIZEN_INITIATIVE',
    observedAt: '2026-03-02',
    authorities: ['gm0344'],
    norms: [],
    initiative: { personalDataRef: 'pd-1' },
    location: null,
    reportingAuthority: 'gm0344',
    reportedBy: 'officer-1',
    recordedAt: '2026-03-02T09:00:00.000Z',
  },
};

describe('signal history changes', () => {
  it('derives old -> new for every amendment, classification, duplicate mark and withdrawal', () => {
    const changes = signalHistoryChanges([
      recorded,
      {
        type: 'SignalAmended',
        data: {
          signalId: 's1',
          changes: { title: 'Nieuwe titel', authorities: ['gm0344', 'pv26'], initiative: null },
          amendedAt: '2026-03-03T09:00:00.000Z',
        },
      },
      { type: 'SignalClassified', data: { signalId: 's1', themes: ['geluid'], classifiedAt: 'x' } },
      {
        type: 'SignalClassified',
        data: { signalId: 's1', themes: ['geluid', 'erfgoed'], policyDomain: 'heritage', classifiedAt: 'y' },
      },
      { type: 'SignalAmended', data: { signalId: 's1', changes: { title: 'Derde titel' }, amendedAt: 'z' } },
      { type: 'SignalMarkedDuplicate', data: { signalId: 's1', duplicateOf: 's0', markedAt: 'z' } },
      { type: 'SignalWithdrawn', data: { signalId: 's1', reason: 'Dubbel', withdrawnAt: 'z' } },
    ]);
    expect(changes).toEqual([
      [],
      [
        { field: 'title', from: 'Oude titel', to: 'Nieuwe titel' },
        { field: 'authorities', from: ['gm0344'], to: ['gm0344', 'pv26'] },
        { field: 'initiative', from: true, to: false },
      ],
      [{ field: 'themes', from: [], to: ['geluid'] }],
      [
        { field: 'themes', from: ['geluid'], to: ['geluid', 'erfgoed'] },
        { field: 'policyDomain', from: 'building', to: 'heritage' },
      ],
      [{ field: 'title', from: 'Nieuwe titel', to: 'Derde titel' }],
      [
        { field: 'duplicateOf', from: null, to: 's0' },
        { field: 'status', from: 'ACTIVE', to: 'DUPLICATE' },
      ],
      [{ field: 'status', from: 'DUPLICATE', to: 'WITHDRAWN' }],
    ]);
  });

  it('leaves out what an event repeats, and shows a replaced initiative without its data', () => {
    const changes = signalHistoryChanges([
      recorded,
      {
        type: 'SignalAmended',
        data: {
          signalId: 's1',
          changes: { title: 'Oude titel', initiative: { personalDataRef: 'pd-2' } },
          amendedAt: 'z',
        },
      },
    ]);
    expect(changes[1]).toEqual([{ field: 'initiative', from: true, to: true }]);
  });
});

describe('escalation history changes', () => {
  it('derives the addressee and deadline before and after a transfer, a climb and a reopening', () => {
    const changes = escalationHistoryChanges([
      {
        type: 'EscalationRaised',
        data: { escalationId: 'e1', addressedTo: 'pv26', respondBy: '2026-03-10T22:59:59.000Z' },
      },
      { type: 'EscalationAcknowledged', data: { escalationId: 'e1', acknowledgedAt: 'x' } },
      {
        type: 'EscalationTransferred',
        data: {
          escalationId: 'e1',
          from: 'pv26',
          to: 'mnre1171',
          reason: 'Rijkszaak',
          respondBy: '2026-03-20T22:59:59.000Z',
          transferredAt: 'x',
        },
      },
      {
        type: 'EscalationEscalatedForNonResponse',
        data: { escalationId: 'e1', from: 'mnre1171', to: null, respondBy: null, escalatedAt: 'x' },
      },
      {
        type: 'EscalationReopened',
        data: {
          escalationId: 'e1',
          reason: 'Opnieuw',
          respondBy: '2026-04-01T21:59:59.000Z',
          reopenedAt: 'x',
        },
      },
    ]);
    expect(changes).toEqual([
      [],
      [],
      [
        { field: 'addressedTo', from: 'pv26', to: 'mnre1171' },
        { field: 'respondBy', from: '2026-03-10T22:59:59.000Z', to: '2026-03-20T22:59:59.000Z' },
      ],
      [],
      [{ field: 'respondBy', from: '2026-03-20T22:59:59.000Z', to: '2026-04-01T21:59:59.000Z' }],
    ]);
  });
});
