// The portal's words: one word for one thing. The glossary page (/ordlista/) shows these terms,
// and test/unit/terms.test.ts fails on any banned variant in the content and the pages, so the
// list of words not to use lives here, beside the word to use instead.

export type Term = {
  /** The word the portal uses. */
  term: string;
  /** What it means, in plain language. */
  explanation: string;
  /** Words not to use for the same thing, as the glossary shows them; bannedPatterns finds each. */
  avoid: string[];
};

export const glossary: Term[] = [
  {
    term: 'överenskommelse',
    explanation:
      'Den skriftliga överenskommelsen om samverkan mellan en skola och stadsdelsförvaltningen där skolan ligger. Rektor skriver under och stadsdelsförvaltningen bekräftar. Den heter i sin helhet samverkansöverenskommelse.',
    avoid: ['avtal', 'samverkansavtal', 'kontrakt'],
  },
  {
    term: 'mottagningsfunktion',
    explanation:
      'Den del av socialtjänsten som tar emot orosanmälningar och frågor om barn och unga, till exempel en mottagning för barn och unga. Det är en funktion, inte en enskild person, så kontakten fungerar även när personal byts.',
    avoid: ['mottagningsgrupp', 'mottagningsteam'],
  },
  {
    term: 'kontaktfunktion',
    explanation:
      'Den funktion som stadsdelsförvaltningen anger i portalen som skolornas väg in till socialtjänsten, med namn, e-postadress och telefonnummer. Ofta är det mottagningsfunktionen.',
    avoid: [],
  },
  {
    term: 'orosanmälan',
    explanation:
      'En anmälan till socialtjänsten när någon misstänker att ett barn far illa. Personal i skolan är skyldig att anmäla. Portalen tar inte emot orosanmälningar.',
    avoid: ['orosanmälning', 'anmälan om oro'],
  },
  {
    term: 'huvudman',
    explanation:
      'Den som driver skolan och ansvarar för den: kommunen för en kommunal skola, ett företag, en stiftelse eller en förening för en fristående skola.',
    avoid: ['skolhuvudman'],
  },
  {
    term: 'skolenhet',
    explanation:
      'En skola som den är registrerad hos Skolverket, med en egen skolenhetskod på åtta siffror. En skola med flera skolformer kan ha flera skolenheter.',
    avoid: ['skolenhetsnummer'],
  },
  {
    term: 'fristående skola',
    explanation: 'En skola som drivs av en annan huvudman än kommunen, till exempel ett företag eller en stiftelse.',
    avoid: ['privatskola'],
  },
  {
    term: 'stadsdelsförvaltning',
    explanation:
      'Stadens förvaltning i en stadsdel. Där finns socialtjänsten för barn och unga som bor i stadsdelen. Stadsdelsnämnden är de förtroendevalda som leder förvaltningen.',
    avoid: ['stadsdelskontor'],
  },
  {
    term: 'funktionsadress',
    explanation:
      'En e-postadress till en funktion, till exempel en gemensam brevlåda för en expedition eller en mottagning, i stället för till en enskild person.',
    avoid: ['funktionsbrevlåda', 'funktionsmejl', 'gruppbrevlåda'],
  },
  {
    term: 'samordnare',
    explanation: 'Den person på staden som följer upp samverkan i hela Stockholm och sköter portalen.',
    avoid: [],
  },
];

// How a banned variant is found in running text: the word, its inflections and compounds that end
// in it, except the legal terms that merely contain the letters (GDPR's personuppgiftsbiträdesavtal
// and standardavtalsklausuler are the law's own words, not a name for the agreement).
export const bannedPatterns: { term: string; pattern: RegExp }[] = [
  { term: 'överenskommelse', pattern: /(?<![\p{L}])(?!personuppgiftsbiträdes|standard)[\p{L}]*avtal[\p{L}]*/giu },
  { term: 'överenskommelse', pattern: /(?<![\p{L}])kontrakt[\p{L}]*/giu },
  { term: 'mottagningsfunktion', pattern: /(?<![\p{L}])mottagnings(grupp|team)[\p{L}]*/giu },
  { term: 'orosanmälan', pattern: /(?<![\p{L}])orosanmälning(?!ar)[\p{L}]*/giu },
  { term: 'orosanmälan', pattern: /anmälan om oro/giu },
  { term: 'huvudman', pattern: /(?<![\p{L}])skolhuvudm[\p{L}]*/giu },
  { term: 'skolenhet', pattern: /(?<![\p{L}])skolenhetsnummer[\p{L}]*/giu },
  { term: 'fristående skola', pattern: /(?<![\p{L}])privatskol[\p{L}]*/giu },
  { term: 'stadsdelsförvaltning', pattern: /(?<![\p{L}])stadsdelskontor[\p{L}]*/giu },
  { term: 'funktionsadress', pattern: /(?<![\p{L}])(funktionsbrevlåd|funktionsmejl|gruppbrevlåd)[\p{L}]*/giu },
];
