import type { DecisionOutcome, InitiativeKind, PolicyConsequence, SignalType } from '@praktijklus/domain';

/**
 * The Dutch material the demo composes its data set from: who reports, about what, citing which
 * rules, and who is competent to answer. Authority ids are those of the shipped reference data.
 */

export interface Reporter {
  authority: string;
  /** Relative share of the signals it reports. */
  weight: number;
  province: string;
  waterBoard: string;
  /** The omgevingsdienst of its region. */
  agency: string;
  /** Its municipality's name (for locations), when it is one. */
  place?: string;
}

const municipality = (
  authority: string,
  place: string,
  weight: number,
  province: string,
  waterBoard: string,
  agency: string,
): Reporter => ({ authority, place, weight, province, waterBoard, agency });

const regional = (
  authority: string,
  weight: number,
  province: string,
  waterBoard: string,
  agency: string,
): Reporter => ({ authority, weight, province, waterBoard, agency });

export const REPORTERS: readonly Reporter[] = [
  municipality('gm0363', 'Amsterdam', 9, 'pv27', 'ws0155', 'so0789'),
  municipality('gm0599', 'Rotterdam', 8, 'pv28', 'ws0656', 'so0335'),
  municipality('gm0518', "'s-Gravenhage", 7, 'pv28', 'ws0372', 'so0700'),
  municipality('gm0344', 'Utrecht', 7, 'pv26', 'ws0636', 'so0697'),
  municipality('gm0772', 'Eindhoven', 5, 'pv30', 'ws0539', 'so0790'),
  municipality('gm0014', 'Groningen', 4, 'pv20', 'ws0647', 'so0721'),
  municipality('gm0855', 'Tilburg', 4, 'pv30', 'ws0652', 'so0712'),
  municipality('gm0034', 'Almere', 3, 'pv24', 'ws0650', 'so0696'),
  municipality('gm0758', 'Breda', 3, 'pv30', 'ws0652', 'so0712'),
  municipality('gm0268', 'Nijmegen', 3, 'pv25', 'ws0621', 'so1108'),
  municipality('gm0202', 'Arnhem', 3, 'pv25', 'ws0152', 'so1108'),
  municipality('gm0392', 'Haarlem', 3, 'pv27', 'ws0616', 'so0504'),
  municipality('gm0307', 'Amersfoort', 2, 'pv26', 'ws0662', 'so0697'),
  municipality('gm0153', 'Enschede', 2, 'pv23', 'ws0663', 'so0892'),
  municipality('gm0193', 'Zwolle', 2, 'pv23', 'ws0664', 'so0881'),
  municipality('gm0080', 'Leeuwarden', 2, 'pv21', 'ws0653', 'so0794'),
  municipality('gm0935', 'Maastricht', 2, 'pv31', 'ws0665', 'so0788'),
  municipality('gm0546', 'Leiden', 2, 'pv28', 'ws0616', 'so0455'),
  municipality('gm0503', 'Delft', 2, 'pv28', 'ws0372', 'so0700'),
  municipality('gm0200', 'Apeldoorn', 2, 'pv25', 'ws0662', 'so1091'),
  municipality('gm1783', 'Westland', 2, 'pv28', 'ws0372', 'so0700'),
  municipality('gm0114', 'Emmen', 1, 'pv22', 'ws0646', 'so0821'),
  municipality('gm0983', 'Venlo', 1, 'pv31', 'ws0665', 'so0901'),
  regional('so0789', 3, 'pv27', 'ws0155', 'so0789'),
  regional('so0335', 3, 'pv28', 'ws0656', 'so0335'),
  regional('so0697', 2, 'pv26', 'ws0636', 'so0697'),
  regional('so0790', 2, 'pv30', 'ws0539', 'so0790'),
  regional('so0700', 2, 'pv28', 'ws0372', 'so0700'),
  regional('so0712', 2, 'pv30', 'ws0652', 'so0712'),
  regional('so0721', 1, 'pv20', 'ws0647', 'so0721'),
  regional('so0892', 1, 'pv23', 'ws0663', 'so0892'),
  regional('pv26', 2, 'pv26', 'ws0636', 'so0697'),
  regional('pv27', 2, 'pv27', 'ws0155', 'so0789'),
  regional('pv28', 2, 'pv28', 'ws0656', 'so0335'),
  regional('pv30', 1, 'pv30', 'ws0539', 'so0790'),
  regional('ws0155', 1, 'pv27', 'ws0155', 'so0789'),
  regional('ws0636', 1, 'pv26', 'ws0636', 'so0697'),
  regional('ws0656', 1, 'pv28', 'ws0656', 'so0335'),
  regional('ws0652', 1, 'pv30', 'ws0652', 'so0712'),
];

/** Norm pairs that conflict again and again, so the norm-conflict view shows a clear top list. */
export const RECURRING_CONFLICTS: ReadonlyArray<{ norms: [string, string]; domain: string; weight: number }> =
  [
    { norms: ['Bbl art. 4.101', 'Omgevingsplan art. 5.1'], domain: 'building', weight: 12 },
    { norms: ['Bal art. 3.200', 'Waterschapsverordening art. 2.4'], domain: 'water', weight: 9 },
    { norms: ['Bkl art. 5.53', 'Omgevingsverordening art. 3.12'], domain: 'spatial-planning', weight: 6 },
    { norms: ['Bal art. 4.1038', 'Omgevingsplan art. 5.1'], domain: 'energy', weight: 5 },
    { norms: ['Bal art. 11.6', 'Omgevingsverordening art. 6.10'], domain: 'nature', weight: 5 },
    { norms: ['Bkl art. 8.9', 'Omgevingsplan art. 4.12'], domain: 'noise', weight: 4 },
    { norms: ['Bal art. 3.315', 'Waterschapsverordening art. 3.7'], domain: 'soil', weight: 3 },
    { norms: ['Bal art. 3.48', 'Regeling bodemkwaliteit art. 4.3'], domain: 'circular-economy', weight: 3 },
    { norms: ['Bkl art. 5.130', 'Omgevingsplan art. 6.2'], domain: 'heritage', weight: 3 },
    { norms: ['Omgevingsverordening art. 7.3', 'Bkl art. 5.12'], domain: 'energy', weight: 2 },
    { norms: ['Bbl art. 3.84', 'Omgevingsplan art. 8.3'], domain: 'external-safety', weight: 2 },
    { norms: ['Omgevingsplan art. 22.27', 'Bbl art. 4.149'], domain: 'housing', weight: 2 },
  ];

export const NORM_TITLES: Readonly<Record<string, string>> = {
  'Bbl art. 4.101': 'Eisen aan nieuw te bouwen bouwwerken',
  'Bbl art. 2.29': 'Vergunningvrij bouwen',
  'Bbl art. 5.2': 'Energiezuinigheid nieuwbouw',
  'Bbl art. 3.84': 'Brandveiligheid bij gebruik',
  'Omgevingsplan art. 5.1': 'Maximale bouwhoogte',
  'Omgevingsplan art. 4.12': 'Geluidnormen voor activiteiten',
  'Omgevingsplan art. 6.2': 'Beschermd stadsgezicht',
  'Bal art. 3.200': 'Lozen van grondwater bij bodemsanering',
  'Bal art. 3.48': 'Toepassen van grond en baggerspecie',
  'Bal art. 4.1038': 'Energiebesparing bij bedrijven',
  'Bal art. 11.6': 'Flora- en fauna-activiteit',
  'Waterschapsverordening art. 2.4': 'Lozen op oppervlaktewater',
  'Waterschapsverordening art. 3.7': 'Onttrekken van grondwater',
  'Bkl art. 5.53': 'Instructieregel woningbouwlocaties',
  'Bkl art. 8.9': 'Standaardwaarde geluid wegverkeer',
  'Omgevingsverordening art. 3.12': 'Bouwen buiten bestaand stedelijk gebied',
  'Omgevingsverordening art. 6.10': 'Natuurnetwerk Nederland',
  'Omgevingsverordening art. 7.3': 'Zonneparken in het landelijk gebied',
};

export const TYPE_WEIGHTS: ReadonlyArray<readonly [SignalType, number]> = [
  ['BARRIER', 38],
  ['CONFLICTING_NORMS', 24],
  ['UNCLEAR_AUTHORITY', 12],
  ['KNOWLEDGE_GAP', 14],
  ['CROSS_GOVERNMENT_IMPACT', 12],
];

export const PROBLEMS: Readonly<Record<SignalType, readonly string[]>> = {
  BARRIER: [
    'de vergunningprocedure duurt langer dan de subsidieperiode',
    'de regels bieden geen ruimte voor tijdelijk gebruik',
    'maatwerk is niet mogelijk binnen de algemene regels',
    'de leges maken een kleinschalig initiatief onrendabel',
    'de verplichte onderzoeken kosten meer dan het project oplevert',
    'standaardvoorschriften passen niet bij de innovatieve techniek',
  ],
  CONFLICTING_NORMS: [
    'de rijksregel en de lokale regel schrijven tegengestelde eisen voor',
    'voldoen aan de ene regel betekent de andere overtreden',
    'de instructieregel sluit uit wat de rijksregel toestaat',
  ],
  UNCLEAR_AUTHORITY: [
    'niet duidelijk is wie het bevoegd gezag is',
    'de betrokken overheden naar elkaar verwijzen',
    'de aanvraag al twee keer is doorgestuurd zonder besluit',
  ],
  KNOWLEDGE_GAP: [
    'er geen handreiking beschikbaar is',
    'de kennis ontbreekt bij de vergunningverleners',
    'het toetsingskader niet te vinden is',
    'de toelichting bij de regel tegenstrijdig is',
  ],
  CROSS_GOVERNMENT_IMPACT: [
    'het besluit de waterhuishouding van het waterschap raakt',
    'de lokale keuze de netcongestie in de regio vergroot',
    'het project extra handhavingslast legt bij de omgevingsdienst',
    'de provincie haar eigen beleid moet aanpassen',
  ],
};

export const CONSEQUENCES: readonly string[] = [
  'Het initiatief is inmiddels twee keer uitgesteld.',
  'De aanvrager overweegt het project elders uit te voeren.',
  'Vergelijkbare aanvragen liggen ook bij andere gemeenten.',
  'Handhavers kunnen hierdoor niet consistent optreden.',
  'Het kost de organisatie veel extra uren aan afstemming.',
  'Zonder oplossing vervalt de toegezegde subsidie.',
];

export const REQUESTS: readonly string[] = [
  'Graag een uitspraak op bestuurlijk niveau.',
  'Verzoek om een eenduidige interpretatie van de regel.',
  'Voorstel: ruimte bieden via een experiment.',
  'Graag afstemming tussen de betrokken overheden.',
];

export const INITIATORS: Readonly<Record<InitiativeKind, string>> = {
  ENTREPRENEUR: 'Een ondernemer',
  CITIZEN_INITIATIVE: 'Een bewonersinitiatief',
  PROFESSIONAL: 'Een adviesbureau namens de aanvrager',
  GOVERNMENT: 'Een overheidsorganisatie',
};

export const FIRST_NAMES = [
  'Anna',
  'Daan',
  'Sanne',
  'Mohamed',
  'Fatima',
  'Jeroen',
  'Lotte',
  'Bram',
  'Eva',
  'Thijs',
  'Noor',
  'Ahmet',
  'Priya',
  'Kees',
  'Marieke',
  'Sem',
  'Julia',
  'Yusuf',
  'Lieke',
  'Ruben',
] as const;

export const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Dijk',
  'El Amrani',
  'Yilmaz',
  'Kaya',
  'Tan',
  'Pinas',
] as const;

export const NEIGHBOURHOODS = [
  'Lombok',
  'Overvecht',
  'Kanaleneiland',
  'De Pijp',
  'Katendrecht',
  'Transvaal',
  'Strijp',
  'Paddepoel',
  'Schildersbuurt',
  'Hoograven',
  'Zuilen',
  'Bergpolder',
  'Rivierenwijk',
  'Vathorst',
  'Bijlmer',
  'Oosterpark',
] as const;

export const COMPANY_SUFFIXES = [
  'Bouw B.V.',
  'Installatietechniek',
  'Energie B.V.',
  'Recycling',
  'Vastgoed',
  'Ontwikkeling',
] as const;

export const CITIZEN_GROUPS = [
  'Bewonersvereniging',
  'Energiecoöperatie',
  'Stichting Groen',
  'Buurtcollectief',
] as const;

export const THEMES = [
  'circulair bouwen',
  'netcongestie',
  'stikstof',
  'woningbouwversnelling',
  'klimaatadaptatie',
  'energietransitie',
  'regeldruk',
  'maatwerk',
  'bevoegdheidsverdeling',
  'vergunningvrij bouwen',
] as const;

export const WITHDRAWAL_REASONS = [
  'Het initiatief is door de aanvrager stopgezet.',
  'Bij nader inzien past het project binnen de bestaande regels.',
  'Dubbel ingediend door een collega; deze melding vervalt.',
] as const;

export const RATIONALES: Readonly<Record<DecisionOutcome, readonly string[]>> = {
  POLICY_ADJUSTED: [
    'De instructieregel wordt aangepast in de eerstvolgende wijzigingsronde.',
    'Het beleid wordt verruimd; de wijziging is aangekondigd in de verzamelbrief.',
  ],
  EXPERIMENT_GRANTED: [
    'Ruimte voor een experiment onder de experimenteerbepaling van de Omgevingswet.',
    'Een proef van beperkte duur met monitoring; daarna een besluit over het beleid.',
  ],
  CUSTOM_SOLUTION: [
    'Maatwerkvoorschrift voor deze locatie; geen generieke wijziging.',
    'Oplossing via een gelijkwaardige maatregel in dit geval.',
  ],
  NO_CHANGE: [
    'De regel dient een zwaarwegend belang; geen aanpassing.',
    'De bestaande regels bieden voldoende ruimte bij juiste toepassing.',
  ],
  REFERRED: [
    'Doorverwezen naar het programma Versnelling Omgevingswet.',
    'Meegenomen in de landelijke evaluatie van het stelsel.',
  ],
};

export const CONSEQUENCE_RATIONALES: Readonly<Record<PolicyConsequence, string>> = {
  ADOPT_IN_POLICY: 'De proef bewijst zich; de werkwijze wordt opgenomen in het beleid.',
  ADJUST_AND_CONTINUE: 'Met aanpassingen voortzetten en opnieuw meten.',
  STOP: 'Het beoogde effect bleef uit; de proef stopt.',
  NO_CONSEQUENCE: 'Geen aanleiding om het beleid te wijzigen.',
};
