// Entry pages per role (/for/<slug>/): which audiences' pages a role reads, and its next step.
// Pure data, so the unit tests can check that every audience has a way in.

export type RoleStep = { href: string; label: string; text: string };
export type Role = {
  slug: string;
  title: string;
  /** Shown on the start page's door and as the page's lead. */
  lead: string;
  /** Content `audience` values this role reads; pages for `alla` are for every role. */
  audiences: readonly string[];
  next: readonly RoleStep[];
};

export const roles: readonly Role[] = [
  {
    slug: 'rektor',
    title: 'För rektor',
    lead: 'Riktlinjer och stödmaterial för dig som leder en skola eller förskola, kommunal eller fristående, och ansvarar för samverkan med socialtjänsten.',
    audiences: ['skola', 'forskola', 'fristaende', 'alla'],
    next: [
      {
        href: '/registrera',
        label: 'Registrera en fristående skola',
        text: 'En fristående skola registrerar sig själv i portalen. Det är första steget.',
      },
      {
        href: '/overenskommelse/',
        label: 'Läs samverkansöverenskommelsen',
        text: 'Skolan fyller i överenskommelsen och du som rektor skriver under. Stadsdelsförvaltningen där skolan ligger bekräftar den.',
      },
      {
        href: '/logga-in',
        label: 'Logga in',
        text: 'Du loggar in med en länk till din e-postadress för att fylla i och skriva under överenskommelsen.',
      },
    ],
  },
  {
    slug: 'larare-och-elevhalsa',
    title: 'För lärare och elevhälsa',
    lead: 'Riktlinjer och stödmaterial för dig som arbetar nära barnen i skolan eller förskolan, som lärare, förskollärare eller i elevhälsan.',
    audiences: ['skola', 'forskola', 'alla'],
    next: [
      {
        href: '/orolig-for-ett-barn/',
        label: 'Orolig för ett barn? Så gör du',
        text: 'Steg för steg: prata med rektor och elevhälsan, rådgör med socialtjänsten, gör en orosanmälan och vad som händer sedan.',
      },
    ],
  },
  {
    slug: 'socialtjanst',
    title: 'För socialtjänsten',
    lead: 'Riktlinjer och stödmaterial för dig som arbetar i socialtjänsten och samverkar med skolor och förskolor kring barn och unga.',
    audiences: ['socialtjanst', 'alla'],
    next: [
      {
        href: '/logga-in',
        label: 'Logga in',
        text: 'Handläggare på stadsdelsförvaltningen loggar in för att se stadsdelens skolor och deras överenskommelser.',
      },
    ],
  },
  {
    slug: 'stadsdelsforvaltning',
    title: 'För stadsdelsförvaltningen',
    lead: 'Riktlinjer och stödmaterial för dig som ansvarar för stadsdelsförvaltningens samverkan med skolorna och dess kontaktfunktion.',
    audiences: ['stadsdel', 'alla'],
    next: [
      {
        href: '/logga-in',
        label: 'Logga in',
        text: 'Logga in för att bekräfta skolornas överenskommelser och hålla stadsdelens kontaktfunktion aktuell.',
      },
    ],
  },
];

/** Whether a page written for `audience` belongs on the role's entry page. */
export const readsFor = (role: Role, audience: readonly string[]) => audience.some((a) => role.audiences.includes(a));
