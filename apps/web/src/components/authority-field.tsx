import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useMemo, useState, type ReactNode } from 'react';
import { GOVERNMENT_LAYERS, type Authority } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { RequiredMarker } from './form-fields';
import { Combobox, matchesAllWords, type ComboboxOption } from './combobox';

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

/**
 * The registry of authorities (well over a hundred) as a search-as-you-type picker, its options
 * grouped by government layer; typing narrows it by name, code or layer.
 */
export function AuthorityField(props: AuthorityFieldProps) {
  const { label: vocabulary } = useI18n();
  const { authorities, exclude, value } = props;
  const [query, setQuery] = useState('');
  const options = useMemo<ComboboxOption[]>(
    () =>
      GOVERNMENT_LAYERS.flatMap((layer) => {
        const layerName = vocabulary('layer', layer);
        return authorities
          .filter((a) => a.layer === layer && !(exclude ?? []).includes(a.id))
          .filter((a) => matchesAllWords(query, a.name, a.id, layerName))
          .map((a) => ({ value: a.id, label: a.name, detail: a.id, group: layerName }));
      }),
    [authorities, exclude, query, vocabulary],
  );
  const chosen = authorities.find((a) => a.id === value);
  return (
    <Combobox
      id={props.id}
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      plain={props.plain}
      value={value}
      selectedLabel={chosen?.name ?? value}
      onChange={(next) => props.onChange(next)}
      options={options}
      onQuery={setQuery}
    />
  );
}

/** A select of the authorities registry, grouped by government layer (the development sign-in). */
export function AuthoritySelect(props: AuthorityFieldProps) {
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
