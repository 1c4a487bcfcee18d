// Builds the site and Worker, then the Pagefind index over the built pages.
import { buildSearchIndex } from './lib/search-index';
import { runTool } from './lib/run';

runTool('astro', ['build']);
await buildSearchIndex();
