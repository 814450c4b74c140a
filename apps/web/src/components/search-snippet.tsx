import { useI18n } from '../i18n/i18n.context';

/**
 * Why a signal matched a search: the passage with the matched words marked. The parts are plain
 * text rendered as React text nodes, so whatever a signal's text holds is never read as markup.
 */
export function SearchSnippet({ parts }: { parts: ReadonlyArray<{ text: string; match: boolean }> }) {
  const { t } = useI18n();
  return (
    <p className="pl-snippet">
      <span className="pl-visually-hidden">{t('snippet.label')}: </span>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
    </p>
  );
}
