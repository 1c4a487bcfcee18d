import { env } from 'cloudflare:workers';
import { openDb } from '../../functions/db/client';

/** The D1 database for on-demand pages. */
export const db = () => openDb(env.DB);
