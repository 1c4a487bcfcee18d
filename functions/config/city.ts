// The city's own facts that the portal shows: who is responsible for the personal data, how to
// reach the data-protection officer, the portal's functional mailbox and the city's switchboard.
// They live here and nowhere else: the privacy notice, the accessibility statement, the footer and
// the messages read them from this file. None of them has been confirmed by the city yet, so each
// is marked `confirmed: false`, addresses use the reserved example domain (.example) and every page
// that shows one says it is not yet confirmed. `npm run deploy:prepare -- --remote` and a Worker
// with APP_ENV=production refuse to go on while any fact is unconfirmed (functions/http/config-check.ts).

export type CityFact = {
  /** What the fact is, as the pages name it. */
  label: string;
  /** What the portal shows. */
  value: string;
  /** Whether the city has confirmed the value; only confirmed facts may go to production. */
  confirmed: boolean;
  /** A mailto: or tel: link for the value, when it is an address or a number. */
  href?: string;
};

const mail = (address: string) => `mailto:${address}`;
const tel = (number: string) => `tel:+46${number.replace(/^0/, '').replace(/\D/g, '')}`;

export type CityFactName = 'controller' | 'dataProtectionOfficer' | 'mailbox' | 'switchboard';

export const cityFacts: Record<CityFactName, CityFact> = {
  /** The data controller (personuppgiftsansvarig) for the portal. */
  controller: { label: 'Personuppgiftsansvarig', value: 'Stockholms stad genom socialnämnden', confirmed: false },
  /** How to reach the city's data-protection officer (dataskyddsombud). */
  dataProtectionOfficer: {
    label: 'Dataskyddsombud',
    value: 'dataskyddsombud@stockholm.example',
    href: mail('dataskyddsombud@stockholm.example'),
    confirmed: false,
  },
  /** The portal's functional mailbox (funktionsadress) for questions, accessibility and data rights. */
  mailbox: {
    label: 'Portalens funktionsadress',
    value: 'samverkansportalen@stockholm.example',
    href: mail('samverkansportalen@stockholm.example'),
    confirmed: false,
  },
  /** The city's switchboard (växel). */
  switchboard: { label: 'Stadens växel', value: '08-508 000 00', href: tel('08-508 000 00'), confirmed: false },
};

/** The facts the city has not confirmed, named as "label (key)", in the order above. */
export function unconfirmedCityFacts(facts: Record<string, CityFact> = cityFacts): string[] {
  return Object.entries(facts)
    .filter(([, fact]) => !fact.confirmed)
    .map(([name, fact]) => `${fact.label} (${name})`);
}
