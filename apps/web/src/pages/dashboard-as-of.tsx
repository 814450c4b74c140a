import { Button, FormField, FormLabel, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { dutchToday, endOfDutchDay, isIsoDate } from '../util/dates';

/**
 * The dashboard's "stand op datum": a past Dutch calendar day, or '' for today. Its `asOf` is the
 * end of that day; today (or a day not yet over) is now, so the API never gets a future moment.
 */
export function useAsOfDay(): {
  day: string;
  asOf: string | undefined;
  setDay: (day: string) => void;
} {
  const [day, setDay] = useState('');
  const past = isIsoDate(day) && day < dutchToday();
  return { day: past ? day : '', asOf: past ? endOfDutchDay(day) : undefined, setDay };
}

/**
 * The date picker, and while a past day is shown a banner saying so, with the way back to today.
 * `building`: the figures of that day are still being read (a day not asked before is rebuilt from
 * the history, which can take a while at scale), and the banner says so.
 */
export function AsOfPicker({
  day,
  onChange,
  building,
}: {
  day: string;
  onChange: (day: string) => void;
  building: boolean;
}) {
  const { t, formatDate } = useI18n();
  const [draft, setDraft] = useState(day);
  return (
    <div className="pl-as-of">
      <form
        className="pl-as-of__form"
        onSubmit={(event) => {
          event.preventDefault();
          onChange(draft);
        }}
      >
        <FormField>
          <FormLabel htmlFor="as-of-day">{t('dashboard.asOf')}</FormLabel>
          <Textbox
            id="as-of-day"
            type="date"
            max={dutchToday()}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </FormField>
        <Button type="submit" appearance="secondary-action-button">
          {t('dashboard.asOfShow')}
        </Button>
      </form>
      {day !== '' && (
        <div className="pl-as-of__banner" role="status" id="as-of-banner" aria-busy={building}>
          <Paragraph>
            {t(building ? 'dashboard.asOfBuilding' : 'dashboard.asOfBanner', { date: formatDate(day) })}
          </Paragraph>
          <Button
            appearance="subtle-button"
            onClick={() => {
              setDraft('');
              onChange('');
            }}
          >
            {t('dashboard.asOfToday')}
          </Button>
        </div>
      )}
    </div>
  );
}
