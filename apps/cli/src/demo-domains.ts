/**
 * The policy domains the demo's signals are about: the ministry answering for each, its subjects
 * and the rules those cite. Authority ids are those of the shipped reference data.
 */

/** The ministry answering for a domain at national level. */
const VRO = 'mnre1171';
const IENW = 'mnre1130';
const LVVN = 'mnre1153';
const KGG = 'mnre1182';
const OCW = 'mnre1109';
const VWS = 'mnre1025';
/** BZK holds system responsibility for the Omgevingswet as a whole. */
export const SYSTEM_MINISTRY = 'mnre1034';

export interface DomainVocabulary {
  code: string;
  weight: number;
  ministry: string;
  /** Whether the water board is a likely competent authority. */
  water: boolean;
  subjects: readonly string[];
  norms: readonly string[];
}

export const DOMAINS: readonly DomainVocabulary[] = [
  {
    code: 'building',
    weight: 16,
    ministry: VRO,
    water: false,
    subjects: [
      'optopping van een portiekflat',
      'houtbouw-appartementencomplex',
      'tijdelijke woonunits op een braakliggend terrein',
      'mantelzorgwoning in de achtertuin',
      'transformatie van een kantoor naar woningen',
      'circulair paviljoen van hergebruikte materialen',
      'tiny houses op een tijdelijke locatie',
      'dakopbouw met een groen dak',
    ],
    norms: ['Bbl art. 4.101', 'Bbl art. 2.29', 'Bbl art. 5.2', 'Omgevingsplan art. 5.1', 'Ow art. 5.1'],
  },
  {
    code: 'spatial-planning',
    weight: 12,
    ministry: VRO,
    water: false,
    subjects: [
      'woningbouw op een voormalig bedrijventerrein',
      'functiemenging in een winkelgebied',
      'verdichting rond een ov-knooppunt',
      'herbestemming van een boerderijcomplex',
      'flexwoningen in het buitengebied',
      'tijdelijke invulling van een leegstaand schoolgebouw',
    ],
    norms: ['Bkl art. 5.53', 'Omgevingsverordening art. 3.12', 'Omgevingsplan art. 22.38', 'Ow art. 4.2'],
  },
  {
    code: 'environment',
    weight: 12,
    ministry: IENW,
    water: false,
    subjects: [
      'mobiele betonbreker op de bouwplaats',
      'uitbreiding van een metaalbewerkingsbedrijf',
      'biomassa-installatie bij een zwembad',
      'opslag van accu’s in een bedrijfshal',
      'kleinschalige brouwerij in een woonwijk',
    ],
    norms: ['Bal art. 3.200', 'Bal art. 4.855', 'Bkl art. 8.17', 'Omgevingsplan art. 4.12'],
  },
  {
    code: 'energy',
    weight: 10,
    ministry: KGG,
    water: false,
    subjects: [
      'buurtbatterij in de wijk',
      'zonnepark op een voormalige stortplaats',
      'warmtenet met aquathermie',
      'windturbine bij een bedrijventerrein',
      'waterstoftankstation voor bussen',
      'collectieve warmtepomp voor een VvE',
    ],
    norms: ['Bal art. 4.1038', 'Omgevingsverordening art. 7.3', 'Omgevingsplan art. 5.1', 'Bkl art. 5.12'],
  },
  {
    code: 'water',
    weight: 8,
    ministry: IENW,
    water: true,
    subjects: [
      'drijvende woningen in een havenbekken',
      'infiltratie van hemelwater op eigen terrein',
      'lozing van bemalingswater',
      'natuurvriendelijke oever langs een watergang',
      'waterberging onder een sportveld',
    ],
    norms: [
      'Bal art. 3.200',
      'Waterschapsverordening art. 2.4',
      'Waterschapsverordening art. 3.7',
      'Bkl art. 4.12',
    ],
  },
  {
    code: 'nature',
    weight: 8,
    ministry: LVVN,
    water: false,
    subjects: [
      'natuurinclusieve bedrijfshal',
      'tijdelijke natuur op een bouwkavel',
      'uitbreiding van een camping bij een Natura 2000-gebied',
      'voedselbos op landbouwgrond',
      'beheer van een ecologische verbindingszone',
    ],
    norms: ['Bal art. 11.6', 'Omgevingsverordening art. 6.10', 'Bkl art. 8.9', 'Ow art. 5.1 lid 2'],
  },
  {
    code: 'circular-economy',
    weight: 6,
    ministry: IENW,
    water: false,
    subjects: [
      'hergebruik van betonelementen uit sloop',
      'materialenhub voor bouwafval',
      'gebruik van secundaire bouwstoffen in een geluidswal',
      'biobased isolatiemateriaal uit lokale hennep',
    ],
    norms: ['Bal art. 3.48', 'Regeling bodemkwaliteit art. 4.3', 'Bbl art. 4.101', 'Bkl art. 5.129'],
  },
  {
    code: 'soil',
    weight: 5,
    ministry: IENW,
    water: true,
    subjects: [
      'hergebruik van licht verontreinigde grond',
      'bodemenergiesysteem in een woonwijk',
      'tijdelijke opslag van grond op een bouwterrein',
      'sanering bij een voormalig tankstation',
    ],
    norms: ['Bal art. 3.315', 'Waterschapsverordening art. 3.7', 'Bal art. 3.48'],
  },
  {
    code: 'mobility',
    weight: 5,
    ministry: IENW,
    water: false,
    subjects: [
      'deelmobiliteitshub in een nieuwbouwwijk',
      'parkeernorm bij autoluwe woningbouw',
      'laadplein voor elektrische vrachtwagens',
      'fietsenstalling in de openbare ruimte',
    ],
    norms: ['Omgevingsplan art. 7.2', 'Bkl art. 5.41'],
  },
  {
    code: 'heritage',
    weight: 5,
    ministry: OCW,
    water: false,
    subjects: [
      'verduurzaming van een rijksmonument',
      'zonnepanelen in een beschermd stadsgezicht',
      'herbestemming van een kerkgebouw',
      'isolatie van een monumentale boerderij',
    ],
    norms: ['Bkl art. 5.130', 'Omgevingsplan art. 6.2', 'Bal art. 13.6'],
  },
  {
    code: 'housing',
    weight: 5,
    ministry: VRO,
    water: false,
    subjects: [
      'woningsplitsing voor starters',
      'kamerverhuur in een eengezinswoning',
      'tijdelijke huisvesting van arbeidsmigranten',
      'woongroep voor ouderen in een voormalige school',
    ],
    norms: ['Omgevingsplan art. 22.27', 'Bbl art. 4.149'],
  },
  {
    code: 'noise',
    weight: 3,
    ministry: IENW,
    water: false,
    subjects: [
      'woningbouw langs een drukke provinciale weg',
      'buitenpodium in een stadspark',
      'warmtepompen op balkons',
    ],
    norms: ['Bkl art. 8.9', 'Omgevingsplan art. 4.12', 'Omgevingsverordening art. 7.3'],
  },
  {
    code: 'climate-adaptation',
    weight: 3,
    ministry: IENW,
    water: true,
    subjects: [
      'groene daken in een hittegevoelige wijk',
      'tijdelijke waterberging op een plein',
      'ontharding van schoolpleinen',
    ],
    norms: ['Omgevingsplan art. 5.30', 'Waterschapsverordening art. 2.4'],
  },
  {
    code: 'agriculture',
    weight: 3,
    ministry: LVVN,
    water: false,
    subjects: [
      'kringlooplandbouw met mestverwerking',
      'zonnedak op een stal',
      'vertical farm in een leegstaande loods',
    ],
    norms: ['Bal art. 4.800', 'Omgevingsverordening art. 6.10'],
  },
  {
    code: 'external-safety',
    weight: 2,
    ministry: IENW,
    water: false,
    subjects: [
      'waterstofopslag op een bedrijventerrein',
      'LNG-tankstation langs de snelweg',
      'batterijopslag nabij woningen',
    ],
    norms: ['Bkl art. 5.7', 'Bbl art. 3.84', 'Omgevingsplan art. 8.3'],
  },
  {
    code: 'air-quality',
    weight: 2,
    ministry: IENW,
    water: false,
    subjects: ['houtstook in een nieuwbouwwijk', 'walstroom voor binnenvaartschepen'],
    norms: ['Bkl art. 5.37', 'Omgevingsplan art. 5.50'],
  },
  {
    code: 'odour',
    weight: 2,
    ministry: IENW,
    water: false,
    subjects: ['insectenkwekerij naast een woonwijk', 'vergistingsinstallatie bij een boerderij'],
    norms: ['Bal art. 4.845', 'Omgevingsplan art. 5.88'],
  },
  {
    code: 'infrastructure',
    weight: 2,
    ministry: IENW,
    water: false,
    subjects: ['glasvezelaanleg in het buitengebied', 'tijdelijke bouwweg door een natuurgebied'],
    norms: ['Omgevingsverordening art. 4.8', 'Ow art. 5.1'],
  },
  {
    code: 'public-health',
    weight: 1,
    ministry: VWS,
    water: false,
    subjects: ['binnenklimaat in tijdelijke schoolgebouwen'],
    norms: ['Bbl art. 3.29'],
  },
  {
    code: 'mining',
    weight: 1,
    ministry: KGG,
    water: false,
    subjects: ['geothermieproject bij glastuinbouw'],
    norms: ['Mijnbouwwet art. 40', 'Omgevingsplan art. 5.1'],
  },
  {
    code: 'cultural-landscape',
    weight: 1,
    ministry: OCW,
    water: false,
    subjects: ['zonneweide in een waardevol landschap'],
    norms: ['Omgevingsverordening art. 6.20', 'Bkl art. 5.130'],
  },
];
