import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { contentTemplatesPath, parseContentTemplates } from '../../functions/domain/content-templates';
import { messages } from '../../functions/messages';
import { meetingField, sectionField } from '../../functions/validation/agreement';
import { registrationLabels as l } from '../../functions/validation/registration';
import { officerOf, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor, fillInRegistration, validRegistration } from '../support/client';
import { testUnitCode } from '../support/register-units';
import { failedMail, signIn } from '../support/flows';
import {
  codeValues,
  emailCases,
  forbiddenChars,
  lineCases,
  sql,
  unescaped,
  xss,
  type FieldCase,
  type Value,
} from '../support/hostile';
import { startPortal, type Portal } from '../support/portal';
import { apiRoutes, formPages } from '../support/routes';

// Every form and JSON endpoint against hostile input: each case must be refused with a 4xx and a
// Swedish message from the catalogue, never a 5xx, and nothing sent may come back unescaped.

type Actor = 'anonymous' | 'school' | 'officer' | 'coordinator';
type Fields = Record<string, Value>;
/**
 * route: the page form as formPages() names it (the path may carry ids in its query); largeBody:
 * the CSV import, which takes up to 1 MB instead of 32 kB.
 */
type Endpoint = {
  path: string;
  route?: string;
  actor: Actor;
  base: () => Fields;
  readsForm: boolean;
  strict: boolean;
  largeBody?: boolean;
};

const e = messages.errors;
const a = messages.agreement;
const [template] = parseContentTemplates(JSON.parse(readFileSync(`dist/client${contentTemplatesPath}`, 'utf8')));
const section = template?.sections.find((s) => s.localAddition);
const meeting = template?.meetings[0];
/** The registration's second step: every answer but the code, which the first step looked up. */
const registrationAnswers = () =>
  Object.fromEntries(Object.entries(validRegistration()).filter(([k]) => k !== 'schoolUnitCode'));
const signature = () => ({ fullName: 'Åsa Öberg', statement: 'ja', documentSha256: '0'.repeat(64) });

const endpoints = {
  signIn: {
    path: '/logga-in',
    route: 'POST /logga-in/',
    actor: 'anonymous',
    base: () => ({ email: 'rektor@skola.example' }),
    readsForm: true,
    strict: false,
  },
  confirmSignIn: {
    path: '/logga-in/bekrafta',
    route: 'POST /logga-in/bekrafta',
    actor: 'anonymous',
    base: () => ({ token: 'x'.repeat(43) }),
    readsForm: true,
    strict: false,
  },
  signOut: {
    path: '/logga-ut',
    route: 'POST /logga-ut',
    actor: 'anonymous',
    base: () => ({}),
    readsForm: false,
    strict: false,
  },
  cityAccountSignIn: {
    path: '/logga-in/stadens-konto',
    route: 'POST /logga-in/stadens-konto/',
    actor: 'anonymous',
    base: () => ({}),
    readsForm: false,
    strict: false,
  },
  lookUpSchoolUnit: {
    path: '/registrera',
    route: 'POST /registrera/',
    actor: 'anonymous',
    base: () => ({ schoolUnitCode: testUnitCode() }),
    readsForm: true,
    strict: true,
  },
  fillInRegistration: {
    path: '/registrera/uppgifter',
    route: 'POST /registrera/uppgifter',
    actor: 'anonymous',
    base: () => registrationAnswers(),
    readsForm: true,
    strict: true,
  },
  sendRegistration: {
    path: '/registrera/kontrollera',
    route: 'POST /registrera/kontrollera',
    actor: 'anonymous',
    base: () => ({}),
    readsForm: false,
    strict: false,
  },
  schoolContacts: {
    path: '/skola/?atgard=kontakt&skola={school}',
    route: 'POST /skola/?atgard=kontakt',
    actor: 'school',
    base: () => ({ contactEmail: 'kansli@skola.example' }),
    readsForm: true,
    strict: true,
  },
  principalHandover: {
    path: '/skola/?atgard=rektor&skola={school}',
    route: 'POST /skola/?atgard=rektor',
    actor: 'school',
    base: () => ({ principalName: 'Björn Ek', principalEmail: 'ny.rektor@skola.example' }),
    readsForm: true,
    strict: true,
  },
  recomputeIndicator: {
    path: '/admin/?atgard=rakna-om',
    route: 'POST /admin/?atgard=rakna-om',
    actor: 'coordinator',
    base: () => ({}),
    readsForm: false,
    strict: false,
  },
  adminPrincipalHandover: {
    path: '/admin/rektor',
    route: 'POST /admin/rektor',
    actor: 'coordinator',
    base: () => ({ schoolUnitCode: '{code}', principalName: 'Björn Ek', principalEmail: 'ny.rektor@skola.example' }),
    readsForm: true,
    strict: true,
  },
  inviteOfficer: {
    path: '/admin/?atgard=bjud-in',
    route: 'POST /admin/?atgard=bjud-in',
    actor: 'coordinator',
    base: () => ({ name: 'Karin Ek', email: 'karin.ek@stockholm.example', district: 'bromma' }),
    readsForm: true,
    strict: true,
  },
  publishTemplate: {
    path: '/admin/mallar',
    route: 'POST /admin/mallar',
    actor: 'coordinator',
    base: () => ({ version: '1' }),
    readsForm: true,
    strict: false,
  },
  startAgreement: {
    path: '/skola/overenskommelse?atgard=starta',
    route: 'POST /skola/overenskommelse/?atgard=starta',
    actor: 'school',
    base: () => ({ schoolId: '{school}' }),
    readsForm: true,
    strict: false,
  },
  saveDraft: {
    path: '/skola/overenskommelse/utkast?id={draft}',
    route: 'POST /skola/overenskommelse/utkast',
    actor: 'school',
    base: () => ({}),
    readsForm: true,
    strict: true,
  },
  signAgreement: {
    path: '/skola/overenskommelse/granska?id={draft}',
    route: 'POST /skola/overenskommelse/granska',
    actor: 'school',
    base: signature,
    readsForm: true,
    strict: true,
  },
  reviseAgreement: {
    path: '/skola/overenskommelse?atgard=revidera&id={draft}',
    route: 'POST /skola/overenskommelse/?atgard=revidera',
    actor: 'school',
    base: () => ({}),
    readsForm: false,
    strict: false,
  },
  confirmAgreement: {
    path: '/stadsdel/overenskommelse/{signed}?atgard=bekrafta',
    route: 'POST /stadsdel/overenskommelse/[id]?atgard=bekrafta',
    actor: 'officer',
    base: signature,
    readsForm: true,
    strict: true,
  },
  returnAgreement: {
    path: '/stadsdel/overenskommelse/{signed}?atgard=returnera',
    route: 'POST /stadsdel/overenskommelse/[id]?atgard=returnera',
    actor: 'officer',
    base: () => ({ comment: 'Komplettera mötesplanen.' }),
    readsForm: true,
    strict: true,
  },
  districtContact: {
    path: '/stadsdel/kontakt',
    route: 'POST /stadsdel/kontakt',
    actor: 'officer',
    base: () => ({
      contactFunction: 'Mottagningen',
      contactEmail: 'mottagning@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 8–16',
    }),
    readsForm: true,
    strict: true,
  },
  followUp: {
    path: '/stadsdel/uppfoljning?id={signed}',
    route: 'POST /stadsdel/uppfoljning',
    actor: 'officer',
    base: () => ({ action: 'spara' }),
    readsForm: true,
    strict: true,
  },
  schoolFollowUp: {
    path: '/skola/uppfoljning?id={draft}',
    route: 'POST /skola/uppfoljning',
    actor: 'school',
    base: () => ({ action: 'spara' }),
    readsForm: true,
    strict: true,
  },
  editDistrict: {
    path: '/admin/stadsdelar/alvsjo',
    route: 'POST /admin/stadsdelar/[slug]',
    actor: 'coordinator',
    base: () => ({ name: 'Älvsjö', validTo: '2019-12-31', successor: 'hagersten-alvsjo' }),
    readsForm: true,
    strict: true,
  },
  moveOfficer: {
    path: '/admin/?atgard=flytta&id={officer}',
    route: 'POST /admin/?atgard=flytta',
    actor: 'coordinator',
    base: () => ({ district: 'bromma' }),
    readsForm: true,
    strict: false,
  },
  removeOfficer: {
    path: '/admin/handlaggare/{officer}/ta-bort',
    route: 'POST /admin/handlaggare/[userId]/ta-bort',
    actor: 'coordinator',
    base: () => ({ confirm: 'ja' }),
    readsForm: true,
    strict: true,
  },
  addDistrict: {
    path: '/admin/stadsdelar',
    route: 'POST /admin/stadsdelar/',
    actor: 'coordinator',
    base: () => ({ name: 'Nya stadsdelen', slug: 'nya-stadsdelen', validFrom: '2030-01-01' }),
    readsForm: true,
    strict: true,
  },
  previewImport: {
    path: '/admin/skolor?atgard=forhandsgranska',
    route: 'POST /admin/skolor?atgard=forhandsgranska',
    actor: 'coordinator',
    base: () => ({ csv: 'skolenhetskod;namn;skolformer;stadsdel;funktionsadress' }),
    readsForm: false,
    strict: false,
    largeBody: true,
  },
  resendMail: {
    path: '/admin/e-post?atgard=skicka-igen&id={mail}',
    route: 'POST /admin/e-post?atgard=skicka-igen',
    actor: 'coordinator',
    base: () => ({}),
    readsForm: true,
    strict: true,
  },
  discardMail: {
    path: '/admin/e-post?atgard=kasta&id={mail}',
    route: 'POST /admin/e-post?atgard=kasta',
    actor: 'coordinator',
    base: () => ({}),
    readsForm: true,
    strict: true,
  },
  inviteUnit: {
    path: '/admin/skolenheter?atgard=bjud-in',
    route: 'POST /admin/skolenheter?atgard=bjud-in',
    actor: 'coordinator',
    base: () => ({ schoolUnitCode: '91000205' }),
    readsForm: true,
    strict: true,
  },
  recheckUnit: {
    path: '/admin/skolenheter?atgard=kontrollera',
    route: 'POST /admin/skolenheter?atgard=kontrollera',
    actor: 'coordinator',
    base: () => ({ schoolUnitCode: '91000205' }),
    readsForm: true,
    strict: true,
  },
  runImport: {
    path: '/admin/skolor?atgard=las-in',
    route: 'POST /admin/skolor?atgard=las-in',
    actor: 'coordinator',
    base: () => ({ csv: 'skolenhetskod;namn;skolformer;stadsdel;funktionsadress' }),
    readsForm: false,
    strict: false,
    largeBody: true,
  },
} satisfies Record<string, Endpoint>;
type EndpointName = keyof typeof endpoints;

type Case = { endpoint: EndpointName; field: string; what: string; value: Value; message: string; status?: number };
const casesFor = (endpoint: EndpointName, field: string, list: FieldCase[]): Case[] =>
  list.map((c) => ({ endpoint, field, ...c }));
const same = (message: string, values: Record<string, Value>): FieldCase[] =>
  Object.entries(values).map(([what, value]) => ({ what, value, message }));
const freeText = (label: string, max: number): FieldCase[] => [
  ...Object.entries(forbiddenChars).map(([what, ch]) => ({
    what,
    value: `Mötena${ch} hålls varje månad.`,
    message: a.controlChars(label),
  })),
  { what: `${max + 1} characters`, value: 'x'.repeat(max + 1), message: a.tooLong(label, max) },
  { what: 'a personnummer', value: 'Gäller eleven 20120304-1234.', message: a.personalNumber },
];

const fieldCases: Case[] = [
  ...(['name', 'organizerName', 'streetAddress', 'postalTown', 'principalName'] as const).flatMap((field) =>
    casesFor(
      'fillInRegistration',
      field,
      lineCases(
        l[field],
        { name: 120, organizerName: 160, streetAddress: 120, postalTown: 60, principalName: 120 }[field],
      ),
    ),
  ),
  ...casesFor('fillInRegistration', 'principalEmail', emailCases(l.principalEmail)),
  ...casesFor('fillInRegistration', 'contactEmail', emailCases(l.contactEmail)),
  ...casesFor(
    'lookUpSchoolUnit',
    'schoolUnitCode',
    same(messages.fields.schoolUnitCode, { ...codeValues, 'seven digits': '1234567', 'nine digits': '123456789' }),
  ),
  ...casesFor(
    'lookUpSchoolUnit',
    'schoolUnitCode',
    same(e.UNIT_UNKNOWN, { 'a code Skolverket does not know': '99999999' }),
  ),
  // The code is the one the first step looked up; the second step takes no other.
  ...casesFor(
    'fillInRegistration',
    'schoolUnitCode',
    same(e.UNKNOWN_FIELDS, { 'another code': '91000206', markup: xss[0] as string }),
  ),
  ...casesFor(
    'inviteUnit',
    'schoolUnitCode',
    same(messages.fields.schoolUnitCode, { ...codeValues, 'seven digits': '1234567' }),
  ),
  ...casesFor(
    'inviteUnit',
    'schoolUnitCode',
    same(e.NOT_FOUND, {
      'no such unit': '99999999',
      'a municipal unit': '90000101',
      'a closed unit': '91000390',
      'a unit in another municipality': '92000001',
    }),
  ).map((c) => ({ ...c, status: 404 })),
  ...casesFor(
    'recheckUnit',
    'schoolUnitCode',
    same(messages.fields.schoolUnitCode, { ...codeValues, 'seven digits': '1234567' }),
  ),
  ...casesFor(
    'recheckUnit',
    'schoolUnitCode',
    same(e.REGISTRATION_CHECKED, { 'no such registration': '99999999', 'a unit outside the network': '91000205' }),
  ).map((c) => ({ ...c, status: 409 })),
  ...casesFor(
    'fillInRegistration',
    'organizerOrgNumber',
    same(messages.fields.orgNumberFormat, { ...codeValues, letters: '556677-88AB' }),
  ),
  ...casesFor(
    'fillInRegistration',
    'postcode',
    same(messages.fields.postcode, { markup: '<b>11646</b>', 'fullwidth digits': '１１６４６', 'four digits': '1164' }),
  ),
  ...casesFor(
    'fillInRegistration',
    'district',
    same(messages.fields.district, {
      markup: xss[0] as string,
      SQL: "bromma' OR '1'='1",
      'a path': '../bromma',
      capitals: 'BROMMA',
      'no such district': 'atlantis',
      'two districts': ['bromma', 'farsta'],
    }),
  ),
  ...casesFor(
    'fillInRegistration',
    'forms',
    same(messages.fields.forms, { markup: [xss[0] as string], none: [], 'no such school form': ['universitet'] }),
  ),
  ...casesFor(
    'fillInRegistration',
    'consent',
    same(messages.fields.consent, { no: 'nej', capitals: 'JA', twice: ['ja', 'ja'] }),
  ),
  ...casesFor('signIn', 'email', emailCases('din e-postadress')),
  ...casesFor(
    'confirmSignIn',
    'token',
    same(e.TOKEN_INVALID, {
      empty: '',
      short: 'abc',
      markup: `${xss[0]}xxxxxxxxxxxxxxxxxxxx`,
      SQL: `${sql[1]}xxxxxxxxxxxxxxxxxxxxxxxx`,
      'a list': ['x'.repeat(43), 'y'.repeat(43)],
    }),
  ),
  ...casesFor('schoolContacts', 'contactEmail', emailCases('funktionsadress för e-post')),
  ...casesFor('principalHandover', 'principalName', lineCases('den nya rektorns namn', 120)),
  ...casesFor('principalHandover', 'principalEmail', emailCases('den nya rektorns e-postadress')),
  ...casesFor(
    'principalHandover',
    'principalEmail',
    same(e.CITY_ROLE_CONFLICT, {
      'an officer’s address': officerEmail('bromma'),
      'the coordinator’s address': coordinatorEmail,
    }),
  ).map((c) => ({ ...c, status: 409 })),
  ...casesFor(
    'adminPrincipalHandover',
    'schoolUnitCode',
    same(messages.fields.schoolUnitCode, { ...codeValues, 'seven digits': '1234567' }),
  ),
  ...casesFor(
    'adminPrincipalHandover',
    'schoolUnitCode',
    same(messages.fields.unknownSchool, { 'no such school': '99999999' }),
  ),
  ...casesFor(
    'adminPrincipalHandover',
    'principalEmail',
    same(e.CITY_ROLE_CONFLICT, { 'an officer’s address': officerEmail('farsta') }),
  ).map((c) => ({ ...c, status: 409 })),
  ...casesFor('inviteOfficer', 'name', lineCases('handläggarens namn', 120)),
  ...casesFor('inviteOfficer', 'email', emailCases('handläggarens e-postadress')),
  ...casesFor(
    'inviteOfficer',
    'district',
    same(messages.fields.chooseDistrict, {
      markup: xss[0] as string,
      'no such district': 'atlantis',
      'two districts': ['bromma', 'farsta'],
    }),
  ),
  ...casesFor(
    'removeOfficer',
    'confirm',
    same(messages.fields.confirmRemoval, { no: 'nej', missing: [], markup: xss[0] as string, twice: ['ja', 'ja'] }),
  ),
  ...casesFor('addDistrict', 'name', lineCases('stadsdelens namn', 80)),
  ...casesFor(
    'addDistrict',
    'slug',
    same(messages.fields.districtSlug, {
      markup: xss[0] as string,
      SQL: "x' OR '1'='1",
      'a path': '../bromma',
      capitals: 'NYA',
      digits: 'nya2',
      'one letter': 'n',
      'a hyphen at the end': 'nya-',
      empty: '',
      '41 letters': 'n'.repeat(41),
      'a list': ['nya', 'nyare'],
    }),
  ),
  ...casesFor('addDistrict', 'slug', same(messages.fields.districtSlugTaken, { 'a slug in use': 'bromma' })).map(
    (c) => ({ ...c, status: 409 }),
  ),
  ...casesFor(
    'addDistrict',
    'validFrom',
    same(messages.fields.districtValidFrom, {
      markup: xss[0] as string,
      'no such day': '2027-02-30',
      'Swedish words': '1 januari 2027',
      empty: '',
      'a list': ['2030-01-01', '2031-01-01'],
    }),
  ),
  ...casesFor('editDistrict', 'validTo', same(e.DISTRICT_DATES, { 'before its first day': '2006-12-31' })),
  ...casesFor('districtContact', 'contactFunction', lineCases('kontaktfunktionens namn', 120)),
  ...casesFor('districtContact', 'contactEmail', emailCases('funktionens e-postadress', messages.fields.functionEmail)),
  ...casesFor(
    'districtContact',
    'contactPhone',
    same(messages.fields.phone, {
      markup: xss[2] as string,
      SQL: "08' OR 1=1",
      'fullwidth digits': '０８-５０８ ０００ ００',
      empty: '',
      'a list': ['08-508 000 00', '08-508 000 01'],
    }),
  ),
  ...casesFor('saveDraft', sectionField(section?.id ?? ''), freeText(section?.localAddition?.label ?? '', 4000)),
  ...casesFor(
    'saveDraft',
    meetingField(meeting?.id ?? ''),
    freeText(`Lokal plan för ${meeting?.area.toLocaleLowerCase('sv')}`, 2000),
  ),
  ...casesFor('signAgreement', 'fullName', [
    ...lineCases('ditt fullständiga namn', 120),
    { what: 'two letters', value: 'Ås', message: messages.fields.tooShort('ditt fullständiga namn', 3) },
  ]),
  ...casesFor('signAgreement', 'statement', same(a.statement, { no: 'nej', missing: [], markup: xss[0] as string })),
  // The officer is told about the statement the officer ticks, not the school's.
  ...casesFor('confirmAgreement', 'statement', same(a.confirmStatement, { no: 'nej', missing: [] })),
  ...casesFor('confirmAgreement', 'fullName', lineCases('ditt fullständiga namn', 120).slice(0, 8)),
  ...casesFor('returnAgreement', 'comment', [
    { what: 'empty', value: '', message: a.required('Kommentaren') },
    ...freeText('Kommentaren', 2000),
  ]),
  ...casesFor(
    'startAgreement',
    'schoolId',
    same(e.FORBIDDEN, { markup: xss[0] as string, SQL: sql[2] as string, 'not a number': 'abc' }),
  ).map((c) => ({ ...c, status: 403 })),
  ...casesFor(
    'publishTemplate',
    'version',
    same(e.NOT_FOUND, { markup: xss[0] as string, 'no such version': '999', negative: '-1' }),
  ).map((c) => ({ ...c, status: 404 })),
];

type Request = {
  endpoint: EndpointName;
  what: string;
  status: number;
  message: string;
  send: (v: Visitor, path: string, base: Fields) => Promise<Answer>;
};
type Answer = Awaited<ReturnType<Portal['fetch']>>;
type FetchInit = NonNullable<Parameters<Portal['fetch']>[1]>;

const names = Object.keys(endpoints) as EndpointName[];
const formReaders = names.filter((n) => endpoints[n].readsForm);
const encode = (fields: Fields, csrf?: string) => {
  const body = new URLSearchParams(csrf === undefined ? [] : [['csrf', csrf]]);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
};
const raw = (
  v: Visitor,
  path: string,
  headers: Record<string, string>,
  body: NonNullable<FetchInit['body']>,
  cookie = true,
) =>
  portal.fetch(path, {
    method: 'POST',
    headers: {
      ...(cookie ? { cookie: [...v.cookies].map(([k, x]) => `${k}=${x}`).join('; ') } : {}),
      'cf-connecting-ip': v.ip,
      ...headers,
    },
    body,
  });
const form = 'application/x-www-form-urlencoded';
const multipartWithFile = (csrf: string) => {
  const part = (name: string, extra: string, value: string) =>
    `--gräns\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
  return `${part('csrf', '', csrf)}${part('name', '; filename="skola.html"\r\nContent-Type: text/html', xss[0] as string)}--gräns--\r\n`;
};

const requestCases: Request[] = [
  ...names.map((endpoint) => ({
    endpoint,
    what: 'no CSRF token',
    status: 403,
    message: e.CSRF_FAILED,
    send: (v: Visitor, path: string, base: Fields) => raw(v, path, { 'content-type': form }, encode(base)),
  })),
  ...names.map((endpoint) => ({
    endpoint,
    what: 'another browser’s CSRF token',
    status: 403,
    message: e.CSRF_FAILED,
    send: (v: Visitor, path: string, base: Fields) =>
      raw(v, path, { 'content-type': form }, encode(base, 'A'.repeat(43))),
  })),
  ...names.map((endpoint) => ({
    endpoint,
    what: 'a token but no CSRF cookie',
    status: 403,
    message: e.CSRF_FAILED,
    send: async (v: Visitor, path: string, base: Fields) =>
      raw(
        v,
        path,
        { 'content-type': form, cookie: `__Host-session=${v.cookies.get('__Host-session') ?? ''}` },
        encode(base, await v.csrf()),
        false,
      ),
  })),
  ...names.map((endpoint) => ({
    endpoint,
    what: 'text/plain',
    status: 415,
    message: e.UNSUPPORTED_MEDIA_TYPE,
    send: async (v: Visitor, path: string, base: Fields) =>
      raw(v, path, { 'content-type': 'text/plain' }, encode(base, await v.csrf())),
  })),
  ...names.map((endpoint) => ({
    endpoint,
    what: 'XML',
    status: 415,
    message: e.UNSUPPORTED_MEDIA_TYPE,
    send: (v: Visitor, path: string) => raw(v, path, { 'content-type': 'application/xml' }, `<skola>${xss[0]}</skola>`),
  })),
  ...names.map((endpoint) => ({
    endpoint,
    what: 'no content type',
    status: 415,
    message: e.UNSUPPORTED_MEDIA_TYPE,
    send: async (v: Visitor, path: string, base: Fields) =>
      raw(v, path, {}, new TextEncoder().encode(encode(base, await v.csrf()))),
  })),
  ...names
    .filter((n) => !('largeBody' in endpoints[n]))
    .map((endpoint) => ({
      endpoint,
      what: '40 kB',
      status: 413,
      message: e.PAYLOAD_TOO_LARGE,
      send: async (v: Visitor, path: string, base: Fields) =>
        raw(v, path, { 'content-type': form }, encode({ ...base, name: 'x'.repeat(40_000) }, await v.csrf())),
    })),
  ...formReaders.map((endpoint) => ({
    endpoint,
    what: 'JSON with the CSRF header',
    status: 415,
    message: e.UNSUPPORTED_MEDIA_TYPE,
    send: async (v: Visitor, path: string, base: Fields) =>
      raw(v, path, { 'content-type': 'application/json', 'x-csrf-token': await v.csrf() }, JSON.stringify(base)),
  })),
  ...formReaders.map((endpoint) => ({
    endpoint,
    what: 'a file in a text field',
    status: 400,
    message: e.BAD_REQUEST,
    send: async (v: Visitor, path: string) =>
      raw(v, path, { 'content-type': 'multipart/form-data; boundary=gräns' }, multipartWithFile(await v.csrf())),
  })),
  ...names
    .filter((n) => endpoints[n].strict)
    .map((endpoint) => ({
      endpoint,
      what: 'an unknown field',
      status: 400,
      message: e.UNKNOWN_FIELDS,
      send: (v: Visitor, path: string, base: Fields) => v.post(path, { ...base, status: 'active' }),
    })),
  ...(['lookUpSchoolUnit', 'fillInRegistration', 'signIn', 'saveDraft'] as const).map((endpoint) => ({
    endpoint,
    what: '40 kB without a declared length',
    status: 413,
    message: e.PAYLOAD_TOO_LARGE,
    send: async (v: Visitor, path: string, base: Fields) => {
      const bytes = new TextEncoder().encode(encode({ ...base, name: 'x'.repeat(40_000) }, await v.csrf()));
      const body = new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
      return portal.fetch(path, {
        method: 'POST',
        headers: { cookie: [...v.cookies].map(([k, x]) => `${k}=${x}`).join('; '), 'content-type': form },
        body,
        duplex: 'half',
      } as FetchInit);
    },
  })),
];

let portal: Portal;
let visitors: Record<Actor, Visitor>;
let ids: Record<'school' | 'code' | 'draft' | 'signed' | 'officer' | 'mail', string>;
beforeAll(async () => {
  portal = await startPortal();
  // One school still filling in its agreement, one whose agreement waits for the district.
  const drafting = await schoolWithDraft(portal, { district: 'bromma' });
  const signed = await schoolWithDraft(portal, { district: 'bromma' });
  expect((await signAsSchool(signed.visitor, signed.agreementId)).status).toBe(303);
  const coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
  visitors = {
    anonymous: new Visitor(portal),
    school: drafting.visitor,
    officer: await officerOf(portal, 'bromma'),
    coordinator,
  };
  // Answers kept from the registration form, so that "check your answers" has something to send.
  expect((await fillInRegistration(visitors.anonymous, validRegistration())).status).toBe(303);
  const [officer] = await portal.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, officerEmail('skarholmen')));
  // A message that failed, which the coordinator may resend or discard.
  const mail = await failedMail(portal);
  ids = {
    school: String(drafting.school.id),
    code: drafting.school.schoolUnitCode,
    draft: String(drafting.agreementId),
    signed: String(signed.agreementId),
    officer: String(officer?.id),
    mail: String(mail),
  };
});
afterAll(async () => portal?.close());

const fill = (text: string) =>
  text.replace(/\{(school|code|draft|signed|officer|mail)\}/, (_, key: keyof typeof ids) => ids[key]);
const filled = (fields: Fields) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]));

/** The answer is a refusal in Swedish, and nothing that was sent comes back as markup. */
async function expectRefused(res: Answer, status: number, message: string, sent: Value) {
  const body = await res.text();
  expect(res.status).toBe(status);
  expect(body).toContain(message);
  expect(unescaped(body, [sent].flat())).toEqual([]);
}

describe('hostile values in every form field', () => {
  it('are more than 200, over every form endpoint the API declares', () => {
    expect(fieldCases.length + requestCases.length).toBeGreaterThanOrEqual(200);
    const covered = Object.values(endpoints).map(
      (p: Endpoint) =>
        p.route ??
        `POST ${p.path
          .replace('{school}', ':schoolId')
          .replace('{officer}', ':userId')
          .replace('{mail}', ':mailId')
          .replace('/alvsjo', '/:slug')
          .replace(/\{(draft|signed)\}/, ':id')}`,
    );
    expect(covered.sort()).toEqual([...formPages(), ...apiRoutes().filter((r) => r.startsWith('POST '))].sort());
  });

  it.each(fieldCases.map((c) => [c.endpoint, c.field, c.what, c] as const))(
    '%s: %s = %s is refused',
    async (_n, _f, _w, c) => {
      const endpoint = endpoints[c.endpoint];
      const res = await visitors[endpoint.actor].post(fill(endpoint.path), {
        ...filled(endpoint.base()),
        [c.field]: c.value,
      });
      await expectRefused(res, c.status ?? 400, c.message, c.value);
    },
  );
});

describe('hostile requests to every form endpoint', () => {
  it.each(requestCases.map((c) => [c.endpoint, c.what, c] as const))('%s: %s is refused', async (_n, _w, c) => {
    const endpoint = endpoints[c.endpoint];
    const res = await c.send(visitors[endpoint.actor], fill(endpoint.path), filled(endpoint.base()));
    await expectRefused(res, c.status, c.message, xss[0] as string);
  });

  it.each([
    ['GET', '/api/finns-inte', {}, 404, e.NOT_FOUND],
    ['POST', '/api/health', { 'content-type': 'application/json' }, 405, e.METHOD_NOT_ALLOWED],
    ['DELETE', '/api/dev/mail', {}, 405, e.METHOD_NOT_ALLOWED],
    [
      'PUT',
      `/api/registrering/${encodeURIComponent(xss[0] as string)}`,
      { 'content-type': 'application/json', cookie: '__Host-csrf=x' },
      405,
      e.METHOD_NOT_ALLOWED,
    ],
  ] as const)(
    'the JSON API is only read: %s %s answers %i in Swedish JSON',
    async (method, path, headers, status, message) => {
      const res = await portal.fetch(path, {
        method,
        headers,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify({ name: xss[0] }) }),
      });
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code: expect.any(String), message } });
    },
  );

  it('a cookie that is not valid percent-encoding is no cookie, not a crash', async () => {
    expect((await portal.fetch('/api/health', { headers: { cookie: '__Host-session=%E0%A4%A' } })).status).toBe(200);
    const res = await portal.fetch('/logga-in', {
      method: 'POST',
      headers: { cookie: '__Host-csrf=%E0%A4%A', 'content-type': form },
      body: 'csrf=%E0%A4%A&email=a@b.se',
    });
    await expectRefused(res, 403, e.CSRF_FAILED, '');
  });
});
