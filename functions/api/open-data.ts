import { Hono } from 'hono';
import { openDb } from '../db/client';
import { toCsv } from '../domain/csv';
import { openIndicator, openRegisterPage } from '../domain/open-data';
import { messages } from '../messages';
import type { AppEnv } from './types';

export const licence = { namn: 'CC0 1.0 Universell', url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.sv' };
const after = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '0', 10) || 0);
const csvHeaders = (name: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${name}"`,
});

/** Open data: the register and the indicator, as JSON and CSV. Nothing personal. */
export const openData = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
  })
  .get('/', (c) =>
    c.json({
      beskrivning: messages.openData.description,
      licens: licence,
      dataset: ['skolor.json', 'skolor.csv', 'indikator.json', 'indikator.csv'].map(
        (f) => `${c.env.PUBLIC_ORIGIN}/api/oppna-data/${f}`,
      ),
    }),
  )
  .get('/skolor.json', async (c) => {
    const page = await openRegisterPage({ db: openDb(c.env.DB), after: after(c.req.query('efter')), now: new Date() });
    return c.json({
      licens: licence,
      skolor: page.items,
      nasta: page.next === null ? null : `/api/oppna-data/skolor.json?efter=${page.next}`,
    });
  })
  .get('/skolor.csv', async (c) => {
    const page = await openRegisterPage({ db: openDb(c.env.DB), after: after(c.req.query('efter')), now: new Date() });
    if (page.next !== null) c.header('Link', `</api/oppna-data/skolor.csv?efter=${page.next}>; rel="next"`);
    return c.body(toCsv(page.items), 200, csvHeaders('skolor.csv'));
  })
  .get('/indikator.json', async (c) => c.json({ licens: licence, ...(await openIndicator({ db: openDb(c.env.DB) })) }))
  .get('/indikator.csv', async (c) =>
    c.body(toCsv((await openIndicator({ db: openDb(c.env.DB) })).rader), 200, csvHeaders('indikator.csv')),
  );
