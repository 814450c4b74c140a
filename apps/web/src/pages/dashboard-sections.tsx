import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-api';
import { LoadError, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';

// Rijkshuisstijl colours, each at least 3:1 against white as WCAG asks of chart marks.
export const PALETTE = ['#154273', '#007bc7', '#39870c', '#a90061', '#673327'];

/** A section's own loading and error state. */
export function SectionState({ state }: { state: Loaded<unknown> }) {
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  if (state.loading && state.data === undefined) return <Loading />;
  return null;
}

/** A chart with a heading, and its numbers as a table for screen readers and keyboard users. */
export function ChartSection({
  id,
  title,
  chart,
  table,
  empty,
  state,
  exportButton,
  note,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  table: ReactNode;
  empty: boolean;
  state: Loaded<unknown>;
  /** Downloads the table's figures as CSV. */
  exportButton?: ReactNode;
  /** How to read the chart, under its heading. */
  note?: string;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id} className="pl-section pl-chart">
      <Heading2 id={id}>{title}</Heading2>
      {note && <Paragraph className="pl-chart__note">{note}</Paragraph>}
      <SectionState state={state} />
      {state.data === undefined ? null : empty ? (
        <Paragraph>{t('dashboard.noData')}</Paragraph>
      ) : (
        <>
          <div className="pl-chart__canvas" role="img" aria-labelledby={id}>
            {chart}
          </div>
          <details className="pl-details">
            <summary>{t('dashboard.chartTable')}</summary>
            <div className="pl-table-scroll">{table}</div>
          </details>
          {exportButton}
        </>
      )}
    </section>
  );
}
