// The texts of the pickers, the filters and sorting kept in the address, saved views and the
// drill-down from the figures to the records, in Dutch and English.

const nl = {
  'picker.placeholder': 'Typ om te zoeken…',
  'picker.searching': 'Bezig met zoeken…',
  'picker.noResults': 'Geen resultaten',
  'picker.oneResult': '1 resultaat',
  'picker.results': '{count} resultaten',
  'picker.more': 'Typ verder om meer te vinden: alleen de eerste {count} staan hier.',
  'picker.escalationHint':
    'Zoek op woorden uit de titel. Bij elke escalatie staat wie haar aankaartte, bij wie, wanneer en hoe ver zij is.',
  'picker.originalSignal': 'Het oorspronkelijke signaal',
  'picker.signalHint':
    'Zoek op woorden uit titel, omschrijving, normen of thema’s. Bij elk signaal staat de melder, de datum en de status.',
};

type Messages = Record<keyof typeof nl, string>;

const en: Messages = {
  'picker.placeholder': 'Type to search…',
  'picker.searching': 'Searching…',
  'picker.noResults': 'No results',
  'picker.oneResult': '1 result',
  'picker.results': '{count} results',
  'picker.more': 'Type more to find others: only the first {count} are listed.',
  'picker.escalationHint':
    'Search by words of the title. Each escalation shows who raised it, to whom, when and how far it is.',
  'picker.originalSignal': 'The original signal',
  'picker.signalHint':
    'Search by words of the title, description, norms or themes. Each signal shows its reporter, date and status.',
};

export const navigationMessages = { nl, en };
