import { z } from 'zod';

/** Resending or discarding a message posts nothing but the form token. */
export const mailActionSchema = z.strictObject({});
