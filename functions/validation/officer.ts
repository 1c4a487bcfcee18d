import { z } from 'zod';
import { messages } from '../messages';

/** Removing an officer takes a second step: the confirmation page posts confirm=ja. */
export const removeSchema = z.strictObject({ confirm: z.literal('ja', { error: messages.fields.confirmRemoval }) });
export const removeFields = ['confirm'] as const;
