import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.context';

export interface ConfirmRequest {
  /** The question, e.g. "Afspraak als niet nagekomen sluiten?". */
  title: string;
  /** What follows and that it cannot be undone. */
  message: string;
  /** The confirming button's label, naming the step. */
  confirmLabel: string;
}

/**
 * A modal confirmation for an irreversible step: the browser's own modal dialog, so focus stays in
 * it, Escape cancels and the page behind is inert. Focus starts on "Nee, terug", the safe choice.
 */
export function ConfirmDialog({
  id,
  request,
  onConfirm,
  onCancel,
}: {
  id: string;
  request: ConfirmRequest | undefined;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (request && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!request && dialog.open) dialog.close();
  }, [request]);

  return (
    <dialog
      ref={dialogRef}
      id={id}
      className="pl-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {request && (
        <>
          <Heading2 id={`${id}-title`}>{request.title}</Heading2>
          <Paragraph id={`${id}-message`}>{request.message}</Paragraph>
          <ButtonGroup>
            <Button appearance="primary-action-button" hint="danger" onClick={onConfirm}>
              {request.confirmLabel}
            </Button>
            <Button ref={cancelRef} appearance="secondary-action-button" onClick={onCancel}>
              {t('confirm.back')}
            </Button>
          </ButtonGroup>
        </>
      )}
    </dialog>
  );
}
