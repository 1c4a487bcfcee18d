// `npm run audit:verify`: walks the local D1's audit chain and names the first broken event.
import { verifyAuditChain } from '../functions/domain/audit';
import { withLocalDb } from './lib/local-db';

const { checked, firstBroken } = await withLocalDb((db) => verifyAuditChain({ db }));
if (firstBroken === null) {
  console.log(`Händelsekedjan är hel: ${checked} händelser kontrollerade.`);
} else {
  console.error(`Händelsekedjan är bruten vid händelse ${firstBroken} (efter ${checked} hela händelser).`);
  process.exitCode = 1;
}
