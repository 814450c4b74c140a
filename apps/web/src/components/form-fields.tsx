import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';

interface FieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  /** No "(required)" or "(optional)" marker: for filters and search boxes, where nothing is required. */
  plain?: boolean;
}

/** "(verplicht)" after a required field's label, as the forms' intros promise; "(optioneel)" otherwise. */
export function RequiredMarker({
  required,
  plain,
  requiredText,
}: {
  required?: boolean;
  plain?: boolean;
  /** Says why a field is required now, e.g. "(verplicht bij tegenstrijdige normen)". */
  requiredText?: string;
}) {
  const { t } = useI18n();
  if (plain) return null;
  return required ? (
    <span className="pl-required">{requiredText ?? t('app.required')}</span>
  ) : (
    <span className="pl-optional">{t('app.optional')}</span>
  );
}

/** The ids that tie a control to its description and error message for screen readers. */
function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : undefined, error ? `${id}-error` : undefined].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({
  id,
  label,
  description,
  error,
  required,
  plain,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <FormField
      invalid={error !== undefined}
      label={
        <FormLabel htmlFor={id}>
          {label} <RequiredMarker required={required} plain={plain} />
        </FormLabel>
      }
      description={
        description ? (
          <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>
        ) : undefined
      }
      input={children}
      errorMessage={
        error ? (
          <FormFieldErrorMessage id={`${id}-error`} data-field-error={id}>
            {error}
          </FormFieldErrorMessage>
        ) : undefined
      }
    />
  );
}

export interface TextFieldProps extends FieldProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'search' | 'email';
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
  min?: string;
  max?: string;
  step?: string;
  maxLength?: number;
  placeholder?: string;
}

export function TextField({ value, onChange, type = 'text', ...props }: TextFieldProps) {
  const { id, description, error, required } = props;
  return (
    <FieldFrame {...props}>
      <Textbox
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        required={required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        step={props.step}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends FieldProps {
  value: string;
  onChange(value: string): void;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({ value, onChange, rows = 5, ...props }: TextAreaFieldProps) {
  const { id, description, error, required } = props;
  return (
    <FieldFrame {...props}>
      <Textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        required={required}
        maxLength={props.maxLength}
      />
    </FieldFrame>
  );
}

export interface SelectFieldProps extends FieldProps {
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
  /** The text of the empty first option; none when omitted. */
  placeholder?: string;
}

export function SelectField({ value, onChange, options, placeholder, ...props }: SelectFieldProps) {
  const { id, description, error, required } = props;
  return (
    <FieldFrame {...props}>
      <Select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        required={required}
      >
        {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}

/** An error message for a group of controls (a fieldset), linked from its legend's fieldset. */
export function GroupError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <FormFieldErrorMessage id={`${id}-error`} data-field-error={id}>
      {error}
    </FormFieldErrorMessage>
  );
}
