import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line: what tells two options apart (authority, date, id). */
  detail?: string;
  /** Options of one group follow each other; the group's name heads them. */
  group?: string;
}

export interface ComboboxProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  /** No "(optional)" marker: for filters. */
  plain?: boolean;
  /** The chosen option's value, '' when none. */
  value: string;
  /** What the input shows for the chosen value (known before the options are, e.g. a prefilled id). */
  selectedLabel?: string;
  onChange(value: string, option?: ComboboxOption): void;
  /** The options matching `query`, in the order shown. */
  options: readonly ComboboxOption[];
  /** The user typed: the parent narrows `options` to this text. */
  onQuery(query: string): void;
  loading?: boolean;
  /** Shown under the list when more options match than it shows. */
  moreHint?: string;
  placeholder?: string;
}

/**
 * A search-as-you-type choice: the ARIA 1.2 combobox pattern with a listbox popup. Typing narrows
 * the list (and clears the choice); ArrowDown/ArrowUp move through it, Enter chooses, Escape closes
 * it (and, when closed, clears the text); the list's size is announced politely.
 */
export function Combobox(props: ComboboxProps) {
  const { t } = useI18n();
  const { id, value, selectedLabel, options, onChange, onQuery, error, required, plain } = props;
  const listboxId = `${id}-listbox`;
  const statusId = useId();
  const [text, setText] = useState(selectedLabel ?? '');
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);
  // The label of the option chosen here: shown while the parent still looks up `selectedLabel`.
  const [chosen, setChosen] = useState<{ value: string; label: string }>();

  // A choice made elsewhere (prefilled from the address, reset after saving) shows as its label.
  useEffect(() => {
    if (editing) return;
    if (value === '') setText('');
    else setText(selectedLabel ?? (chosen?.value === value ? chosen.label : value));
  }, [value, selectedLabel, editing, chosen]);

  useEffect(() => {
    if (active < 0 || !listRef.current) return;
    const option = listRef.current.querySelector<HTMLElement>(`#${CSS.escape(`${id}-option-${active}`)}`);
    option?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const choose = (option: ComboboxOption) => {
    onChange(option.value, option);
    setChosen({ value: option.value, label: option.label });
    setText(option.label);
    setEditing(false);
    setOpen(false);
    setActive(-1);
  };

  const type = (next: string) => {
    setText(next);
    setEditing(true);
    setOpen(true);
    setActive(-1);
    onQuery(next);
    if (value !== '') onChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(true);
          if (!editing) onQuery('');
        }
        setActive((current) => (options.length === 0 ? -1 : Math.min(current + 1, options.length - 1)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) setActive((current) => Math.max(current - 1, 0));
        break;
      case 'Home':
      case 'End':
        if (open && active >= 0 && options.length > 0) {
          event.preventDefault();
          setActive(event.key === 'Home' ? 0 : options.length - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0 && active < options.length) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== '') {
          event.preventDefault();
          type('');
        }
        break;
      default:
        break;
    }
  };

  const describedBy =
    [props.description ? `${id}-description` : undefined, error ? `${id}-error` : undefined]
      .filter(Boolean)
      .join(' ') || undefined;

  const expanded = open && (options.length > 0 || text !== '');
  let lastGroup: string | undefined;
  const rows: ReactNode[] = [];
  let groupRows: ReactNode[] = [];
  let groupIndex = 0;
  const flush = () => {
    if (lastGroup === undefined) rows.push(...groupRows);
    else {
      const headingId = `${id}-group-${groupIndex++}`;
      rows.push(
        <div key={headingId} role="group" aria-labelledby={headingId} className="pl-combobox__group">
          <div id={headingId} role="presentation" className="pl-combobox__group-label">
            {lastGroup}
          </div>
          {groupRows}
        </div>,
      );
    }
    groupRows = [];
  };
  options.forEach((option, index) => {
    if (index > 0 && option.group !== lastGroup) flush();
    lastGroup = option.group;
    groupRows.push(
      <div
        key={option.value}
        id={`${id}-option-${index}`}
        role="option"
        aria-selected={option.value === value}
        className={`pl-combobox__option${index === active ? ' pl-combobox__option--active' : ''}`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => choose(option)}
      >
        <span className="pl-combobox__label">{option.label}</span>
        {option.detail && <span className="pl-combobox__detail">{option.detail}</span>}
      </div>,
    );
  });
  if (groupRows.length > 0) flush();

  const status = props.loading
    ? t('picker.searching')
    : options.length === 0
      ? t('picker.noResults')
      : options.length === 1
        ? t('picker.oneResult')
        : t('picker.results', { count: options.length });

  return (
    <FormField
      invalid={error !== undefined}
      className="pl-combobox"
      label={
        <FormLabel htmlFor={id}>
          {props.label} {!required && !plain && <span className="pl-optional">{t('app.optional')}</span>}
        </FormLabel>
      }
      description={
        props.description ? (
          <FormFieldDescription id={`${id}-description`}>{props.description}</FormFieldDescription>
        ) : undefined
      }
      input={
        <div className="pl-combobox__frame">
          <Textbox
            id={id}
            name={id}
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
            aria-describedby={describedBy}
            aria-invalid={error !== undefined ? true : undefined}
            invalid={error !== undefined}
            required={required}
            placeholder={props.placeholder ?? t('picker.placeholder')}
            value={text}
            onChange={(event) => type(event.target.value)}
            onKeyDown={onKeyDown}
            onClick={() => {
              if (!open) {
                setOpen(true);
                if (!editing) onQuery('');
              }
            }}
            onBlur={() => {
              setOpen(false);
              setActive(-1);
              setEditing(false);
            }}
          />
          <div className="pl-combobox__popup" hidden={!expanded}>
            <div
              ref={listRef}
              id={listboxId}
              role="listbox"
              aria-label={typeof props.label === 'string' ? props.label : undefined}
              className="pl-combobox__listbox"
              hidden={options.length === 0}
            >
              {rows}
            </div>
            {options.length === 0 && <div className="pl-combobox__empty">{status}</div>}
            {props.moreHint && options.length > 0 && (
              <div className="pl-combobox__more">{props.moreHint}</div>
            )}
          </div>
          <div id={statusId} role="status" className="pl-visually-hidden">
            {expanded ? status : ''}
          </div>
        </div>
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

/** Every word of `query` occurs in one of `texts` (case- and accent-insensitive). */
export function matchesAllWords(query: string, ...texts: (string | undefined)[]): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const haystack = fold(texts.filter(Boolean).join(' '));
  return fold(query)
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}
