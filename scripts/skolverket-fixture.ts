// `npm start` runs this: the local stand-in for Skolverket's register on SKOLVERKET_PORT (8789),
// answering from the recorded TEST DATA in fixtures/skolverket/.
import { startSkolverketFixture } from './lib/skolverket-fixture';

const port = Number(process.env['SKOLVERKET_PORT'] ?? '8789');
const fixture = await startSkolverketFixture({ port });
console.log(`Skolverkets register (testdata) på ${fixture.url}`);
