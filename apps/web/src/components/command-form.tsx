import { Button, ButtonGroup, Heading2, Heading3 } from '@utrecht/component-library-react';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { WriteResult } from '../api/api-client';
import { useCommand } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog';
import { ErrorSummary } from './error-summary';
import { useFlash } from './flash.context';
import { FormMessage } from './ui';

export interface CommandFormProps {
  /** Prefix of the field ids: a field `reason` is the control `${id}-reason`. */
  id: string;
  title: string;
  headingLevel?: 2 | 3;
  submitLabel: string;
  successMessage: string;
  /** The REST path and body to send (POST unless `method` says PATCH). */
  command(): { path: string; body: unknown; method?: 'POST' | 'PATCH' };
  /** Client-side checks per field name, in display order; empty when the form may be sent. */
  validate?(): Record<string, string | undefined>;
  onDone?(result: WriteResult): void;
  /**
   * `flash`: the success message goes to the page's live region on top, for commands after which
   * this form disappears (a status change); `inline` (default) shows it above the form.
   */
  successAs?: 'inline' | 'flash';
  children(errorOf: (field: string) => string | undefined): ReactNode;
  hint?: 'danger' | 'warning';
  /**
   * An irreversible step: the question to confirm before the command is sent (after the form
   * validated); undefined sends it at once.
   */
  confirm?(): ConfirmRequest | undefined;
}

/** `required(value, field)` for a form's `validate`: the field's "fill this in" error when blank. */
export function useRequired(): (value: string, field: string) => Record<string, string> {
  const { t } = useI18n();
  return (value, field) => (value.trim() === '' ? { [field]: t('validation.required') } : {});
}

/**
 * A small form for one command: inline and summed-up errors (its own and the server's, by field),
 * a busy button, and a polite success message; the views refresh through the command's position.
 */
export function CommandForm(props: CommandFormProps) {
  const { t } = useI18n();
  const command = useCommand();
  const { flash } = useFlash();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState<ConfirmRequest>();

  const serverErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of command.error?.fieldErrors ?? []) {
    const field = error.field.replace(/\[\d+\].*$/, '');
    if (document.getElementById(`${props.id}-${field}`)) serverErrors[field] = error.message;
    // The server's messages name their field ("Reden: …").
    else unplaced.push(error.message);
  }
  const errorOf = (field: string) => clientErrors[field] ?? serverErrors[field];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    for (const [field, message] of Object.entries(props.validate?.() ?? {})) {
      if (message !== undefined) found[field] = message;
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const question = props.confirm?.();
    if (question) setConfirming(question);
    else await send();
  };

  const send = async () => {
    const { path, body, method } = props.command();
    const result = await command.run(path, body, method);
    if (result) {
      if (props.successAs === 'flash') flash(props.successMessage);
      else setDone(true);
      props.onDone?.(result);
    }
  };

  const summary = Object.entries({ ...serverErrors, ...clientErrors }).map(([field, message]) => ({
    id: `${props.id}-${field}`,
    message,
    named: clientErrors[field] === undefined,
  }));
  const Heading = props.headingLevel === 3 ? Heading3 : Heading2;
  return (
    <section className="pl-command" aria-labelledby={`${props.id}-heading`}>
      <Heading id={`${props.id}-heading`}>{props.title}</Heading>
      <ErrorSummary ref={summaryRef} errors={summary} />
      {command.error && command.error.fieldErrors.length === 0 && (
        <FormMessage type="error">{t('app.serverError', { message: command.error.message })}</FormMessage>
      )}
      {unplaced.length > 0 && <FormMessage type="error">{unplaced.join(' ')}</FormMessage>}
      {done && !command.error && <FormMessage type="ok">{props.successMessage}</FormMessage>}
      <form noValidate onSubmit={submit} className="pl-form" aria-labelledby={`${props.id}-heading`}>
        {props.children(errorOf)}
        <ButtonGroup>
          <Button
            ref={submitRef}
            type="submit"
            appearance="primary-action-button"
            hint={props.hint}
            busy={command.busy}
            disabled={command.busy}
          >
            {props.submitLabel}
          </Button>
        </ButtonGroup>
      </form>
      {props.confirm && (
        <ConfirmDialog
          id={`${props.id}-confirm`}
          request={confirming}
          onConfirm={() => {
            setConfirming(undefined);
            void send();
          }}
          onCancel={() => {
            setConfirming(undefined);
            submitRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
