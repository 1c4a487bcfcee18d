import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { datePrecision, lawRef, source, templateSchema } from '../functions/validation/template';

// Who a page is written for; the labels shown in the UI live in src/lib/labels.ts.
export const audiences = ['skola', 'forskola', 'fristaende', 'socialtjanst', 'stadsdel', 'alla'] as const;

const isoDate = z.coerce.date();

// Law references carry the date they were checked and what replaced them: the seeds cite laws
// as of 2009–2016 and several have been replaced since.
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

const overenskommelse = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/overenskommelse' }),
  schema: templateSchema,
});

const historik = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/historik' }),
  schema: z.object({
    title: z.string(),
    date: isoDate,
    // How much of the date the sources give: a date known only as a year or a month is shown so.
    precision: datePrecision,
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

// Step-by-step guidance built on the guidelines and support pages (the worried teacher's steps).
// Every step ends in links to the pages behind it; the portal's own pages only.
const vagledning = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/vagledning' }),
  schema: z.object({
    title: z.string().min(3),
    summary: z.string().min(20).max(300),
    steps: z
      .array(
        z.object({
          title: z.string().min(3),
          text: z.array(z.string().min(10)).min(1),
          links: z.array(z.object({ href: z.string().regex(/^\/[a-z0-9/-]*$/), label: z.string().min(3) })).min(1),
        }),
      )
      .min(1),
    sources: z.array(source).min(1),
    reviewed: isoDate,
  }),
});

// How the portal answers a decision or motion in the sources: each demand as the source words it,
// and what the portal does about it. `portalProposal` marks an answer the sources do not give.
const svar = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/svar' }),
  schema: z.object({
    title: z.string().min(3),
    summary: z.string().min(20).max(300),
    demands: z
      .array(
        z.object({
          demand: z.string().min(10),
          answer: z.array(z.string().min(10)).min(1),
          portalProposal: z.boolean().default(false),
          links: z.array(z.object({ href: z.string().regex(/^\/[a-z0-9/-]*$/), label: z.string().min(3) })).min(1),
        }),
      )
      .min(1),
    sources: z.array(source).min(1),
    reviewed: isoDate,
  }),
});

export const collections = { riktlinjer, stodmaterial, overenskommelse, historik, sidor, vagledning, svar };
