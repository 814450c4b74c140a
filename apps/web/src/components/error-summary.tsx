import { Alert, Heading2, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { forwardRef, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.context';

export interface SummaryError {
  /** The id of the control the error belongs to. */
  id: string;
  message: string;
}

/** Lists a form's errors on top, each a link that moves focus to its field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: SummaryError[] }>(function ErrorSummary(
  { errors },
  ref,
) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  const focus = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={ref} tabIndex={-1} className="pl-error-summary">
      <Alert type="error" role="alert">
        <Heading2 className="pl-error-summary__heading">
          {t('app.formHasErrors', { count: errors.length })}
        </Heading2>
        <UnorderedList>
          {errors.map((error) => (
            <UnorderedListItem key={`${error.id}-${error.message}`}>
              <a className="utrecht-link" href={`#${error.id}`} onClick={focus(error.id)}>
                {error.message}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
});
