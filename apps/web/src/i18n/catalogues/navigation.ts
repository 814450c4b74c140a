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
  'list.firstPage': 'Naar de eerste pagina',
  'list.nextPage': 'Volgende pagina',
  'list.savedViews': 'Opgeslagen weergaven',
  'list.noSavedViews':
    'Nog geen opgeslagen weergaven. Sla de filters, zoekterm en sortering van nu op onder een naam.',
  'list.viewName': 'Naam van de weergave',
  'list.viewNameHint': 'Alleen in deze browser bewaard.',
  'list.viewNameRequired': 'Geef de weergave een naam.',
  'list.saveView': 'Weergave opslaan',
  'list.filters': 'Filters',
  'list.apply': 'Toepassen',
  'list.reset': 'Wissen',
  'list.any': 'Alle',
  'list.search': 'Zoeken in titels',
  'list.overdue': 'Te laat',
  'list.overdueOnly': 'Alleen te laat',
  'list.notOverdue': 'Niet te laat',
  'list.raisedAt': 'Aangekaart op',
  'list.count': '{count} escalaties',
  'list.countOne': '1 escalatie',
  'board.parts': 'Delen van het overzicht',
  'board.partAddressed': 'Aan ons gericht',
  'board.partRaised': 'Door ons aangekaart',
  'board.partResolved': 'Afgehandeld',
  'board.partAll': 'Alle escalaties',
  'board.partCount': '{part} ({count})',
  'board.allTitle': 'Escalaties',
  'board.noneFound': 'Geen escalaties met deze filters.',
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
  'list.firstPage': 'To the first page',
  'list.nextPage': 'Next page',
  'list.savedViews': 'Saved views',
  'list.noSavedViews': 'No saved views yet. Save the current filters, search and sort under a name.',
  'list.viewName': 'Name of the view',
  'list.viewNameHint': 'Kept in this browser only.',
  'list.viewNameRequired': 'Give the view a name.',
  'list.saveView': 'Save view',
  'list.filters': 'Filters',
  'list.apply': 'Apply',
  'list.reset': 'Clear',
  'list.any': 'Any',
  'list.search': 'Search titles',
  'list.overdue': 'Overdue',
  'list.overdueOnly': 'Overdue only',
  'list.notOverdue': 'Not overdue',
  'list.raisedAt': 'Raised on',
  'list.count': '{count} escalations',
  'list.countOne': '1 escalation',
  'board.parts': 'Parts of the overview',
  'board.partAddressed': 'Addressed to us',
  'board.partRaised': 'Raised by us',
  'board.partResolved': 'Resolved',
  'board.partAll': 'All escalations',
  'board.partCount': '{part} ({count})',
  'board.allTitle': 'Escalations',
  'board.noneFound': 'No escalations match these filters.',
};

export const navigationMessages = { nl, en };
