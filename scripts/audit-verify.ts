// `npm run audit:verify [state dir]`: walks the local D1's audit chain with the key, checks that it
// still reaches the checkpoint in the local KV and every signature's event, and names the first
// broken event.
import { resolve } from 'node:path';
import { readCheckpoint } from '../functions/domain/audit-anchor';
import { verifyAuditChain, type AuditProblem } from '../functions/domain/audit-verify';
import { stateDir } from './lib/env';
import { withLocalDb } from './lib/local-db';

const explain = ({ kind, eventId, signatureId }: AuditProblem): string =>
  ({
    changed: `händelse ${eventId} är ändrad: innehållet stämmer inte längre med dess hash.`,
    deleted: `händelser saknas före händelse ${eventId}: den pekar inte på händelsen före sig.`,
    reordered: `händelse ${eventId} står i fel ordning i kedjan.`,
    truncated: `kedjan är avkortad: händelse ${eventId} saknas, fast ${signatureId ? `underskrift ${signatureId}` : 'kontrollpunkten i AUDIT_ANCHOR'} pekar på den.`,
    unkeyed: `händelse ${eventId} är omräknad utan nyckeln (vanlig SHA-256 i stället för HMAC med PORTAL_SECRET).`,
  })[kind];

const dir = process.argv[2] ? resolve(process.argv[2]) : stateDir;
const { checked, problem, checkpoint } = await withLocalDb(async (db, env) => {
  const checkpoint = await readCheckpoint(env.AUDIT_ANCHOR);
  return { ...(await verifyAuditChain({ db, now: new Date(), checkpoint })), checkpoint };
}, dir);
if (problem === null) {
  console.log(
    `Händelsekedjan är hel: ${checked} händelser kontrollerade${checkpoint ? `, når kontrollpunkten (händelse ${checkpoint.id}, ${checkpoint.at})` : ', ingen kontrollpunkt ännu'}.`,
  );
} else {
  console.error(`Händelsekedjan är bruten (${problem.kind}): ${explain(problem)} Händelser som höll: ${checked}.`);
  process.exitCode = 1;
}
