// Stockholm's districts: the 14 stadsdelsnämnder of 2016 and the mergers since. Reference data
// for the seed; once in D1 the city coordinator owns it.
export type DistrictSeed = { slug: string; name: string; validFrom: string; validTo?: string; successor?: string };

const reform2007 = '2007-01-01';

export const districtSeed: DistrictSeed[] = [
  { slug: 'rinkeby-kista', name: 'Rinkeby-Kista', validFrom: reform2007, validTo: '2022-12-31', successor: 'jarva' },
  { slug: 'spanga-tensta', name: 'Spånga-Tensta', validFrom: reform2007, validTo: '2022-12-31', successor: 'jarva' },
  { slug: 'hasselby-vallingby', name: 'Hässelby-Vällingby', validFrom: reform2007 },
  { slug: 'bromma', name: 'Bromma', validFrom: reform2007 },
  { slug: 'kungsholmen', name: 'Kungsholmen', validFrom: reform2007 },
  { slug: 'norrmalm', name: 'Norrmalm', validFrom: reform2007, validTo: '2022-12-31', successor: 'norra-innerstaden' },
  {
    slug: 'ostermalm',
    name: 'Östermalm',
    validFrom: reform2007,
    validTo: '2022-12-31',
    successor: 'norra-innerstaden',
  },
  { slug: 'sodermalm', name: 'Södermalm', validFrom: reform2007 },
  { slug: 'enskede-arsta-vantor', name: 'Enskede-Årsta-Vantör', validFrom: reform2007 },
  { slug: 'skarpnack', name: 'Skarpnäck', validFrom: reform2007 },
  { slug: 'farsta', name: 'Farsta', validFrom: reform2007 },
  { slug: 'alvsjo', name: 'Älvsjö', validFrom: reform2007, validTo: '2019-12-31', successor: 'hagersten-alvsjo' },
  {
    slug: 'hagersten-liljeholmen',
    name: 'Hägersten-Liljeholmen',
    validFrom: reform2007,
    validTo: '2019-12-31',
    successor: 'hagersten-alvsjo',
  },
  { slug: 'skarholmen', name: 'Skärholmen', validFrom: reform2007 },
  { slug: 'hagersten-alvsjo', name: 'Hägersten-Älvsjö', validFrom: '2020-01-01' },
  { slug: 'jarva', name: 'Järva', validFrom: '2023-01-01' },
  { slug: 'norra-innerstaden', name: 'Norra innerstaden', validFrom: '2023-01-01' },
];
