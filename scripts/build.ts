// Builds the site and Worker, the security headers for the static assets, then the Pagefind index,
// and lists the law references that could not be checked (they say so on their pages).
import { writeSecurityHeaders } from './lib/headers-file';
import { readLawRefs, unverifiedReport } from './lib/law-refs';
import { buildSearchIndex } from './lib/search-index';
import { runTool } from './lib/run';

runTool('astro', ['build']);
await writeSecurityHeaders();
await buildSearchIndex();

const unverified = unverifiedReport(readLawRefs());
if (unverified.length > 0) {
  console.log(`\nLagrumshänvisningar som inte har kunnat kontrolleras (${unverified.length}):`);
  for (const line of unverified) console.log(`  ${line}`);
}
