import { describe, expect, it } from 'vitest';
import { loadAgreementDocument } from '../../functions/domain/agreements/load-agreement';
import { getDistrictPage } from '../../functions/domain/districts';
import { listSchoolsForUser } from '../../functions/domain/schools';
import { domainDatabases } from '../support/domain-db';
import { registeredSchool, schoolWithDraft } from '../support/domain-flows';

// Reads that ask D1 several questions in one batch (one round trip). A batch maps each row by its
// column names, so a join of tables sharing a name must not mix their values up.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

describe('read in one round trip', () => {
  it('the school desk names the school and its district apart', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { now });
    const [shown] = await listSchoolsForUser({ db, user: principal! });
    expect(shown).toMatchObject({ id: school.id, name: school.name, districtName: 'Södermalm' });
    expect(shown?.receipt).toMatchObject({ district: 'Södermalm' });
  });

  it('an agreement keeps its own fields and its school’s', async () => {
    const db = await freshDb();
    const { agreementId, school } = await schoolWithDraft(db, { now });
    const doc = await loadAgreementDocument({ db, agreementId });
    expect(doc.agreement).toMatchObject({ id: agreementId, schoolId: school.id, status: 'draft' });
    expect(doc.school).toMatchObject({ id: school.id, name: school.name, status: school.status });
  });

  it('a district page is found by its slug, with its participation; an unknown slug is null', async () => {
    const db = await freshDb();
    await registeredSchool(db, { now });
    const page = await getDistrictPage({ db, slug: 'sodermalm', now });
    expect(page?.district.slug).toBe('sodermalm');
    expect(page?.participation.total).toBe(1);
    expect(await getDistrictPage({ db, slug: 'finns-inte', now })).toBeNull();
  });
});
