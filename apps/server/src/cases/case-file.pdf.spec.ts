import { pdfText } from '../../../../test/support/pdf-text';
import type { AssembledCaseFile } from './case-file.assembler';
import { renderCaseFilePdf } from './case-file.pdf';

const NAMES: Record<string, string> = { gm0344: 'Gemeente Utrecht', pv26: 'Provincie Utrecht' };
const nameOf = (id: string): string => NAMES[id] ?? id;

const assembled = (events: number): AssembledCaseFile => ({
  file: {
    id: 'ca5e0000-0000-4000-8000-000000000001',
    title: 'Zonnepanelen op monumenten',
    authorities: ['gm0344', 'pv26'],
    timeline: Array.from({ length: events }, (_, index) => ({
      at: new Date(Date.UTC(2026, 0, 5) + index * 3_600_000).toISOString(),
      authority: index % 2 === 0 ? 'gm0344' : 'pv26',
      entity: 'escalation' as const,
      entityId: 'e1',
      type: 'EscalationAcknowledged',
      summary: `Gebeurtenis nummer ${index + 1}.`,
    })),
    waiting: [{ authority: 'pv26', days: 2.5 }],
  },
  periods: [{ authority: 'pv26', from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 7, 12) }],
  assembledAt: '2026-01-10T09:00:00.000Z',
});

describe('the case file PDF', () => {
  it('is a PDF with the title, the authorities’ names, the waiting days and every event', async () => {
    const pdf = await renderCaseFilePdf(assembled(3), nameOf, { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Zonnepanelen op monumenten',
      'Gemeente Utrecht (gm0344)',
      'Provincie Utrecht: 2,5 dagen',
      'Gebeurtenis nummer 1.',
      'Gebeurtenis nummer 3.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('numbers every page, and the table runs on over pages', async () => {
    const text = pdfText(await renderCaseFilePdf(assembled(120), nameOf, { compress: false }));
    const pages = [...text.matchAll(/Pagina (\d+) van (\d+)/g)];
    const count = Number(pages[0]?.[2]);
    expect(count).toBeGreaterThan(3);
    expect(pages.map((page) => Number(page[1]))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(text).toContain('Gebeurtenis nummer 120.');
  });
});
