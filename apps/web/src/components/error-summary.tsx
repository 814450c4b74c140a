import { Alert, Heading2, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { forwardRef, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.context';

export interface SummaryError {
  /** The id of the control the error belongs to. */
  id: string;
  message: string;
  /** The field's name; read from the control's label (or its group's legend) when omitted. */
  label?: string;
  /** The message names its field already (the server's messages do: "Reden: …"). */
  named?: boolean;
}

/** The visible name of a control: its label, or the legend of the group it is in, without markers. */
export function fieldNameOf(id: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  const source = label ?? document.getElementById(id)?.closest('fieldset')?.querySelector('legend');
  if (!source) return undefined;
  const copy = source.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.pl-required, .pl-optional').forEach((marker) => marker.remove());
  const name = copy.textContent?.replace(/\s+/g, ' ').trim();
  return name ? name : undefined;
}

/** "Titel: vul dit veld in." — every item of the summary names the field it is about. */
export function summaryText(error: SummaryError): string {
  if (error.named) return error.message;
  const name = error.label ?? fieldNameOf(error.id);
  return name ? `${name}: ${error.message}` : error.message;
}

/** Lists a form's errors on top, each a link that moves focus to its field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: SummaryError[] }>(function ErrorSummary(
  { errors },
  ref,
) {
  const { t, language } = useI18n();
  if (errors.length === 0) return null;
  const focus = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };
  const one = new Intl.PluralRules(language).select(errors.length) === 'one';
  return (
    <div ref={ref} tabIndex={-1} className="pl-error-summary">
      <Alert type="error" role="alert">
        <Heading2 className="pl-error-summary__heading">
          {one ? t('app.formHasOneError') : t('app.formHasErrors', { count: errors.length })}
        </Heading2>
        <UnorderedList>
          {errors.map((error) => (
            <UnorderedListItem key={`${error.id}-${error.message}`}>
              <a className="utrecht-link" href={`#${error.id}`} onClick={focus(error.id)}>
                {summaryText(error)}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
});
