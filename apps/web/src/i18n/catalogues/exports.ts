// The texts of the CSV exports offered on each list and table, in Dutch and English.

const nl = {
  'exports.button': 'Exporteren (CSV)',
  'exports.buttonLabel': 'Exporteren (CSV): {what}',
  'exports.busy': 'Bezig met exporteren…',
  'exports.failed': 'Het exporteren is niet gelukt: {message}',
  'exports.agreementsOwned': 'afspraken van mijn organisatie',
  'exports.agreementsAsParty': 'afspraken waarin mijn organisatie partij is',
};

export const exportsMessages = {
  nl,
  en: {
    'exports.button': 'Export (CSV)',
    'exports.buttonLabel': 'Export (CSV): {what}',
    'exports.busy': 'Exporting…',
    'exports.failed': 'The export failed: {message}',
    'exports.agreementsOwned': "my authority's agreements",
    'exports.agreementsAsParty': 'agreements my authority is a party to',
  } satisfies Record<keyof typeof nl, string>,
};
