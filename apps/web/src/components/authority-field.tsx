import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { GOVERNMENT_LAYERS, type Authority } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { RequiredMarker } from './form-fields';

export interface AuthorityFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  authorities: readonly Authority[];
  description?: ReactNode;
  error?: string;
  required?: boolean;
  plain?: boolean;
  /** Authorities that may not be chosen here (already chosen, or the user's own). */
  exclude?: readonly string[];
}

/** A select of the authorities registry, grouped by government layer. */
export function AuthorityField(props: AuthorityFieldProps) {
  const { t, label: vocabulary } = useI18n();
  const {
    id,
    label,
    value,
    onChange,
    authorities,
    description,
    error,
    required,
    plain,
    exclude = [],
  } = props;
  const describedBy =
    [description ? `${id}-description` : undefined, error ? `${id}-error` : undefined]
      .filter(Boolean)
      .join(' ') || undefined;
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
      input={
        <Select
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          invalid={error !== undefined}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy}
          required={required}
        >
          <SelectOption value="">{t('app.choose')}</SelectOption>
          {GOVERNMENT_LAYERS.map((layer) => {
            const inLayer = authorities.filter((a) => a.layer === layer && !exclude.includes(a.id));
            if (inLayer.length === 0) return null;
            return (
              <optgroup key={layer} label={vocabulary('layer', layer)}>
                {inLayer.map((authority) => (
                  <SelectOption key={authority.id} value={authority.id}>
                    {authority.name} ({authority.id})
                  </SelectOption>
                ))}
              </optgroup>
            );
          })}
        </Select>
      }
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
