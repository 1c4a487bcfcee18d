import type { SchoolForm } from '../db/schema';

// Skolverket's open Skolenhetsregistret API, version 2 (OpenAPI description:
// https://api.skolverket.se/skolenhetsregistret/skolenhetsregistret_v2_openapi.yaml). Two calls:
// GET {base}/v2/school-units?municipality_code=…&status=… lists code, name and status only;
// GET {base}/v2/school-units/{schoolUnitCode} gives one unit with its huvudman in `included`.
// Locally and in tests the base URL is the recorded fixture (fixtures/skolverket/).

export type SchoolUnit = {
  code: string;
  name: string;
  organizerName: string;
  organizerType: 'kommunal' | 'enskild' | 'annan';
  orgNumber: string | null;
  municipalityCode: string;
  status: 'active' | 'closed';
  forms: SchoolForm[];
  streetAddress: string | null;
  postcode: string | null;
  postalTown: string | null;
  email: string | null;
};

export type Lookup = { unit: SchoolUnit } | { missing: true } | { unavailable: true };

export type RegisterConfig = {
  /** Without a trailing slash, e.g. https://api.skolverket.se/skolenhetsregistret. */
  baseUrl: string;
  /** Per attempt; a timeout or a 5xx is tried once more, then Skolverket counts as unavailable. */
  timeoutMs: number;
};

/** Stockholm municipality's kommunkod. */
export const stockholmMunicipalityCode = '0180';

const defaultTimeoutMs = 3_000;

/** How many unit details are fetched at the same time (a Worker has six open connections). */
const detailConcurrency = 6;

export function registerConfig(env: Env): RegisterConfig {
  return { baseUrl: env.SKOLVERKET_BASE_URL.replace(/\/+$/, ''), timeoutMs: defaultTimeoutMs };
}

// The register's codes (CodeSchoolType, CodeOrganizerType, CodeSchoolUnitStatus in the description).
const formOfSchoolType: Partial<Record<string, SchoolForm>> = {
  GR: 'grundskola',
  GRAN: 'anpassad-grundskola',
  GY: 'gymnasieskola',
  GYAN: 'anpassad-gymnasieskola',
};

/** Statuses of units that exist now; UPPHORT units are left out of a municipality's list. */
const currentStatuses = ['AKTIV', 'VILANDE', 'PLANERAD'] as const;

type Address = { type?: string; streetAddress?: string | null; postalCode?: string | null; locality?: string | null };

type UnitResponse = {
  data?: {
    schoolUnitCode?: string;
    attributes?: {
      displayName?: string;
      status?: string;
      email?: string | null;
      addresses?: Address[];
      municipalityCode?: string;
      schoolTypes?: string[];
    };
  };
  included?: { organizationNumber?: string; attributes?: { displayName?: string; organizerType?: string } };
};

type ListResponse = { data?: { attributes?: { schoolUnitCode?: string }[] } };

type Answer = { ok: true; status: number; body: unknown } | { ok: false };

/** One GET with a timeout per attempt and one retry on a timeout, a network error or a 5xx. */
async function getJson(config: RegisterConfig, path: string): Promise<Answer> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await fetch(`${config.baseUrl}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (response.status >= 500) {
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: true, status: response.status, body: null };
      }
      return { ok: true, status: response.status, body: await response.json() };
    } catch {
      // A timeout, a refused connection or a body that is not JSON: try once more.
    }
  }
  return { ok: false };
}

const text = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

function unitFrom(code: string, body: UnitResponse): SchoolUnit | null {
  const attributes = body.data?.attributes;
  const name = text(attributes?.displayName);
  const municipalityCode = text(attributes?.municipalityCode);
  if (!attributes || !name || !municipalityCode) return null;
  const organizer = body.included;
  const organizerType = organizer?.attributes?.organizerType;
  const addresses = attributes.addresses ?? [];
  const address =
    addresses.find((a) => a.type === 'BESOKSADRESS') ?? addresses.find((a) => a.type === 'POSTADRESS') ?? addresses[0];
  const forms = [...new Set((attributes.schoolTypes ?? []).flatMap((type) => formOfSchoolType[type] ?? []))];
  return {
    code,
    name,
    organizerName: text(organizer?.attributes?.displayName) ?? '',
    organizerType: organizerType === 'KOMMUN' ? 'kommunal' : organizerType === 'ENSKILD' ? 'enskild' : 'annan',
    orgNumber: text(organizer?.organizationNumber),
    municipalityCode,
    status: attributes.status === 'AKTIV' ? 'active' : 'closed',
    forms,
    streetAddress: text(address?.streetAddress),
    postcode: text(address?.postalCode),
    postalTown: text(address?.locality),
    email: text(attributes.email),
  };
}

/** One unit by its skolenhetskod (eight digits); a code the register does not know is missing. */
export async function fetchSchoolUnit(config: RegisterConfig, code: string): Promise<Lookup> {
  if (!/^\d{8}$/.test(code)) return { missing: true };
  const answer = await getJson(config, `/v2/school-units/${code}`);
  if (!answer.ok) return { unavailable: true };
  if (answer.status === 404 || answer.status === 400) return { missing: true };
  if (answer.status !== 200) return { unavailable: true };
  const unit = unitFrom(code, answer.body as UnitResponse);
  return unit ? { unit } : { unavailable: true };
}

/**
 * Every unit of a municipality that exists now (active, dormant or planned), with its details; a
 * unit that has closed is no longer listed. Null when Skolverket does not answer in full: a
 * partial list would look as if the missing units had closed.
 */
export async function fetchMunicipalityUnits(
  config: RegisterConfig,
  municipalityCode: string,
): Promise<SchoolUnit[] | null> {
  const query = new URLSearchParams([
    ['municipality_code', municipalityCode],
    ...currentStatuses.map((s) => ['status', s]),
  ]);
  const answer = await getJson(config, `/v2/school-units?${query}`);
  if (!answer.ok || answer.status !== 200) return null;
  const codes = [
    ...new Set(
      ((answer.body as ListResponse).data?.attributes ?? []).flatMap((u) =>
        u.schoolUnitCode && /^\d{8}$/.test(u.schoolUnitCode) ? [u.schoolUnitCode] : [],
      ),
    ),
  ];
  const units: SchoolUnit[] = [];
  let failed = false;
  let next = 0;
  const worker = async () => {
    while (!failed && next < codes.length) {
      const code = codes[next++]!;
      const lookup = await fetchSchoolUnit(config, code);
      if ('unit' in lookup) units.push(lookup.unit);
      // A listed unit that then cannot be read is a failure too (missing right after listing).
      else failed = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(detailConcurrency, codes.length) }, worker));
  return failed ? null : units.sort((a, b) => a.code.localeCompare(b.code));
}
