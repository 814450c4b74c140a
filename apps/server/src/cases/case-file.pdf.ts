import PDFDocument from 'pdfkit';
import type { AssembledCaseFile } from './case-file.assembler';
import type { TimelineEntry } from './case-file.timeline';
import type { HoldingPeriod } from './case-file.waiting';

type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BAR_COLOURS = ['#01689b', '#e17000', '#39870c', '#a90061', '#673327', '#42145f', '#8fcae7', '#ffb612'];
const ENTITY_WORDS: Record<TimelineEntry['entity'], string> = {
  signal: 'Signaal',
  escalation: 'Escalatie',
  agreement: 'Afspraak',
  experiment: 'Experiment',
};

export interface CaseFilePdfOptions {
  /** Tests read the text from uncompressed content streams. */
  compress?: boolean;
}

/** Dutch date and time in the Netherlands, as the review reads it. */
const dutch = (iso: string): string =>
  new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
const dutchDay = (ms: number): string =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium' }).format(
    new Date(ms),
  );

const heading = (doc: Pdf, text: string): void => {
  doc
    .moveDown(1)
    .font(BOLD)
    .fontSize(14)
    .fillColor('#000')
    .text(text, MARGIN)
    .moveDown(0.4)
    .font(FONT)
    .fontSize(10);
};

const titlePage = (
  doc: Pdf,
  { file, assembledAt }: AssembledCaseFile,
  nameOf: (id: string) => string,
): void => {
  doc.font(BOLD).fontSize(22).text('Dossier', MARGIN, 120);
  doc.moveDown(0.3).fontSize(18).text(file.title);
  doc.moveDown(1.5).font(FONT).fontSize(11);
  const facts: Array<[string, string]> = [
    ['Kenmerk', file.id],
    ['Samengesteld op', dutch(assembledAt)],
    ['Gebeurtenissen', String(file.timeline.length)],
    ['Eerste gebeurtenis', file.timeline.length > 0 ? dutch(file.timeline[0].at) : '—'],
    [
      'Laatste gebeurtenis',
      file.timeline.length > 0 ? dutch(file.timeline[file.timeline.length - 1].at) : '—',
    ],
  ];
  for (const [label, value] of facts) {
    doc.font(BOLD).text(`${label}: `, { continued: true }).font(FONT).text(value);
  }
  heading(doc, 'Betrokken overheden');
  for (const authority of file.authorities) doc.text(`• ${nameOf(authority)} (${authority})`);
  heading(doc, 'Wachttijd per overheid');
  if (file.waiting.length === 0) doc.text('Geen escalatie: geen overheid hield de zaak vast.');
  for (const { authority, days } of file.waiting) {
    doc.text(`• ${nameOf(authority)}: ${days.toLocaleString('nl-NL')} dagen`);
  }
};

/** A horizontal bar per authority, its holding periods drawn on one time axis. */
const timelineFigure = (doc: Pdf, assembled: AssembledCaseFile, nameOf: (id: string) => string): void => {
  doc.addPage();
  heading(doc, 'Tijdlijn: wie hield de zaak wanneer vast');
  const authorities = assembled.file.waiting.map((waiting) => waiting.authority);
  if (authorities.length === 0) {
    doc.text('Geen escalatie in dit dossier, dus geen wachttijden om te tonen.');
    return;
  }
  const times = [
    ...assembled.file.timeline.map((entry) => Date.parse(entry.at)),
    ...assembled.periods.flatMap((period: HoldingPeriod) => [period.from, period.to]),
  ];
  const start = Math.min(...times);
  const end = Math.max(start + 1, ...times);
  const labelWidth = 160;
  const left = MARGIN + labelWidth;
  const width = doc.page.width - MARGIN - left;
  const x = (ms: number): number => left + ((ms - start) / (end - start)) * width;
  let y = doc.y + 10;
  authorities.forEach((authority, index) => {
    doc
      .fillColor('#000')
      .font(FONT)
      .fontSize(9)
      .text(nameOf(authority), MARGIN, y + 3, { width: labelWidth - 8 });
    doc.rect(left, y, width, 16).fillColor('#f3f3f3').fill();
    for (const period of assembled.periods.filter((held) => held.authority === authority)) {
      doc
        .rect(x(period.from), y, Math.max(1.5, x(period.to) - x(period.from)), 16)
        .fillColor(BAR_COLOURS[index % BAR_COLOURS.length])
        .fill();
    }
    y += 26;
  });
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .strokeColor('#000')
    .lineWidth(0.5)
    .stroke();
  doc.fillColor('#000').fontSize(8);
  doc.text(dutchDay(start), left, y + 4, { lineBreak: false });
  doc.text(dutchDay(end), left + width - 80, y + 4, { width: 80, align: 'right', lineBreak: false });
  doc.x = MARGIN;
  doc.y = y + 24;
};

const COLUMNS: Array<{
  title: string;
  width: number;
  cell(entry: TimelineEntry, nameOf: (id: string) => string): string;
}> = [
  { title: 'Moment', width: 90, cell: (entry) => dutch(entry.at) },
  { title: 'Overheid', width: 105, cell: (entry, nameOf) => nameOf(entry.authority) },
  { title: 'Onderdeel', width: 65, cell: (entry) => ENTITY_WORDS[entry.entity] },
  { title: 'Gebeurtenis', width: 235, cell: (entry) => entry.summary },
];

const timelineTable = (doc: Pdf, { file }: AssembledCaseFile, nameOf: (id: string) => string): void => {
  heading(doc, 'Gebeurtenissen in volgorde van tijd');
  const row = (cells: string[], font: string): void => {
    doc.font(font).fontSize(8.5);
    const height = Math.max(
      ...cells.map((cell, index) => doc.heightOfString(cell, { width: COLUMNS[index].width - 6 })),
    );
    if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
    const top = doc.y;
    let left = MARGIN;
    cells.forEach((cell, index) => {
      doc.text(cell, left, top, { width: COLUMNS[index].width - 6 });
      left += COLUMNS[index].width;
    });
    doc.y = top + height + 5;
    doc.x = MARGIN;
  };
  row(
    COLUMNS.map((column) => column.title),
    BOLD,
  );
  for (const entry of file.timeline)
    row(
      COLUMNS.map((column) => column.cell(entry, nameOf)),
      FONT,
    );
};

const pageNumbers = (doc: Pdf): void => {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#555')
      .text(`Pagina ${index + 1} van ${count}`, MARGIN, doc.page.height - 35, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
};

/** The case file for the joint review: title page facts, a timeline figure and the table of events. */
export function renderCaseFilePdf(
  assembled: AssembledCaseFile,
  nameOf: (authority: string) => string,
  options: CaseFilePdfOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'nl-NL',
    info: { Title: `Dossier: ${assembled.file.title}`, Creator: 'Praktijklus' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  titlePage(doc, assembled, nameOf);
  timelineFigure(doc, assembled, nameOf);
  timelineTable(doc, assembled, nameOf);
  pageNumbers(doc);
  doc.end();
  return done;
}
