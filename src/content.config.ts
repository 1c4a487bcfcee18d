import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Who a page is written for; the labels shown in the UI live in src/lib/labels.ts.
export const audiences = ['skola', 'forskola', 'fristaende', 'socialtjanst', 'stadsdel', 'alla'] as const;

const isoDate = z.coerce.date();

// A law reference as data: the seeds cite laws as of 2009–2016 and several have been replaced
// since, so every reference carries the date it was checked and what replaced it, if anything.
const lawRef = z.object({
  law: z.string().min(2),
  provision: z.string().min(1).optional(),
  sfs: z.string().regex(/^\d{4}:\d{1,4}$/, 'SFS-nummer skrivs ÅÅÅÅ:NNN'),
  note: z.string().optional(),
  replacedBy: z
    .object({ law: z.string(), sfs: z.string().regex(/^\d{4}:\d{1,4}$/), provision: z.string().optional() })
    .optional(),
  checked: isoDate,
});

const source = z.object({
  document: z.string().min(3),
  date: isoDate,
  issuer: z.string().optional(),
  reference: z.string().optional(),
});

const page = {
  title: z.string().min(3),
  summary: z.string().min(20).max(300),
  order: z.number().int(),
  audience: z.array(z.enum(audiences)).min(1),
  lawRefs: z.array(lawRef).default([]),
  sources: z.array(source).min(1),
  reviewed: isoDate,
};

const riktlinjer = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/riktlinjer' }),
  schema: z.object(page),
});

const stodmaterial = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/stodmaterial' }),
  schema: z.object({
    ...page,
    lawRefs: z.array(lawRef).min(1),
    schoolDoes: z.array(z.string().min(5)).min(1),
    socialServicesDoes: z.array(z.string().min(5)).min(1),
  }),
});

const functionRef = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string(), side: z.enum(['skola', 'stadsdel']) });

const overenskommelse = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/overenskommelse' }),
  schema: z.object({
    version: z.number().int().positive(),
    title: z.string(),
    summary: z.string().min(20).max(300),
    adopted: isoDate,
    reviewed: isoDate,
    sources: z.array(source).min(1),
    lawRefs: z.array(lawRef).default([]),
    parties: z.array(z.object({ role: z.enum(['skola', 'stadsdel']), description: z.string() })).length(2),
    sections: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          heading: z.string(),
          text: z.string(),
          localAddition: z.object({ label: z.string(), hint: z.string() }).optional(),
        }),
      )
      .min(3),
    requiredFunctions: z.array(functionRef).min(2),
    meetings: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          area: z.string(),
          purpose: z.string(),
          frequency: z.string(),
          convenedBy: z.string(),
          participants: z.array(z.string()).min(1),
          individualCases: z.boolean(),
        }),
      )
      .min(2),
    followUp: z.object({ frequency: z.string(), responsible: z.string(), questions: z.array(z.string()).min(2) }),
  }),
});

const historik = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/historik' }),
  schema: z.object({
    title: z.string(),
    date: isoDate,
    decidedBy: z.string(),
    reference: z.string().optional(),
    summary: z.string().min(20).max(300),
    effect: z.string().min(10),
    sources: z.array(source).min(1),
  }),
});

// Pages about the portal itself (accessibility statement, privacy notice).
const sidor = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/sidor' }),
  schema: z.object({ title: z.string(), summary: z.string().min(20).max(300), reviewed: isoDate }),
});

export const collections = { riktlinjer, stodmaterial, overenskommelse, historik, sidor };
