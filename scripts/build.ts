// Builds the site and Worker, the security headers for the static assets, then the Pagefind index.
import { writeSecurityHeaders } from './lib/headers-file';
import { buildSearchIndex } from './lib/search-index';
import { runTool } from './lib/run';

runTool('astro', ['build']);
await writeSecurityHeaders();
await buildSearchIndex();
