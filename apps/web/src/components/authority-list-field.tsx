import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { Authority } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AuthorityField } from './authority-field';
import { GroupError, RequiredMarker } from './form-fields';

export interface AuthorityListFieldProps {
  /** The id of the select that adds an authority; the group's description and error derive from it. */
  id: string;
  legend: string;
  description?: string;
  value: string[];
  onChange(value: string[]): void;
  authorities: readonly Authority[];
  error?: string;
  required?: boolean;
  /** Says why the list is required now, instead of "(verplicht)". */
  requiredText?: string;
  max?: number;
}

/** Several authorities: the chosen ones as a list with remove buttons, and a picker that adds the one chosen. */
export function AuthorityListField(props: AuthorityListFieldProps) {
  const { t } = useI18n();
  const { authorityName } = useReference();
  const { id, value, onChange, error, max = 20 } = props;
  const describedBy = [props.description ? `${id}-description` : undefined, error ? `${id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  const add = (chosen: string) => {
    if (chosen === '' || value.includes(chosen) || value.length >= max) return;
    onChange([...value, chosen]);
  };
  return (
    <Fieldset className="pl-group" invalid={error !== undefined} aria-describedby={describedBy || undefined}>
      <FieldsetLegend>
        {props.legend} <RequiredMarker required={props.required} requiredText={props.requiredText} />
      </FieldsetLegend>
      {props.description && (
        <FormFieldDescription id={`${id}-description`}>{props.description}</FormFieldDescription>
      )}
      <GroupError id={id} error={error} />
      {value.length > 0 && (
        <UnorderedList className="pl-chosen">
          {value.map((chosen) => (
            <UnorderedListItem key={chosen}>
              {authorityName(chosen)} ({chosen}){' '}
              <Button appearance="subtle-button" onClick={() => onChange(value.filter((a) => a !== chosen))}>
                {t('app.remove')}
                <span className="pl-visually-hidden"> {authorityName(chosen)}</span>
              </Button>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <div className="pl-inline-add">
        <AuthorityField
          id={id}
          label={t('signal.chooseAuthority')}
          value=""
          onChange={add}
          authorities={props.authorities}
          exclude={value}
          plain
        />
      </div>
    </Fieldset>
  );
}
