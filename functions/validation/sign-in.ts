import { z } from 'zod';
import { messages } from '../messages';
import { email } from './fields';

export const signInSchema = z.strictObject({ email: email(messages.labels.signInEmail) });
export const signInFields = ['email'] as const;

export const confirmSchema = z.strictObject({ token: z.string().min(20).max(100) });
