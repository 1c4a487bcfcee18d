import { z } from 'zod';
import { messages } from '../messages';

// The agreement template as data: the content collection's frontmatter schema (the build
// enforces it) and the shape stored, immutable, in D1 when a version is published.
const slugId = z.string().regex(/^[a-z0-9-]+$/);
const isoDate = z.coerce.date();

// A check date as precise as it is known: a year, a month or a day ("2026", "2026-11", "2026-11-30").
const knownDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/);
// Links to official texts and to the sources of a check: absolute https addresses only.
const httpsUrl = z.url({ protocol: /^https$/ });
const sfsNumber = z.string().regex(/^\d{4}:\d{1,4}$/, messages.fields.sfs);

// A law reference says where the rule stands, links the official text and records whether the
// reference was checked: `verified` (when and against what) or `unverified` (why not). Never both,
// never neither, so a page cannot claim a check that was not made.
const lawRef = z
  .object({
    law: z.string().min(2),
    provision: z.string().min(1).optional(),
    sfs: sfsNumber,
    url: httpsUrl,
    note: z.string().optional(),
    replacedBy: z.object({ law: z.string(), sfs: sfsNumber, provision: z.string().optional() }).optional(),
    verified: z.object({ on: knownDate, source: z.string().min(10), url: httpsUrl.optional() }).optional(),
    unverified: z.string().min(10).optional(),
  })
  .refine((r) => (r.verified === undefined) !== (r.unverified === undefined), { message: messages.fields.lawRefCheck });

// A source's date is shown only as precisely as it is known: a document the sources date only by
// month or year says `precision: month` or `year`, and is never shown as the 1st of the month.
export const datePrecision = z.enum(['day', 'month', 'year']).default('day');
export type DatePrecision = z.output<typeof datePrecision>;

const source = z.object({
  document: z.string().min(3),
  date: isoDate,
  precision: datePrecision,
  issuer: z.string().optional(),
  reference: z.string().optional(),
});

export const templateFields = {
  version: z.number().int().positive(),
  title: z.string(),
  summary: z.string().min(20).max(300),
  adopted: isoDate,
  /** How much of `adopted` the sources give (the guidelines of 2010 are dated by month). */
  adoptedPrecision: datePrecision,
  reviewed: isoDate,
  sources: z.array(source).min(1),
  lawRefs: z.array(lawRef).default([]),
  parties: z.array(z.object({ role: z.enum(['skola', 'stadsdel']), description: z.string() })).length(2),
  sections: z
    .array(
      z.object({
        id: slugId,
        heading: z.string(),
        text: z.string(),
        localAddition: z.object({ label: z.string(), hint: z.string() }).optional(),
      }),
    )
    .min(3),
  requiredFunctions: z.array(z.object({ id: slugId, name: z.string(), side: z.enum(['skola', 'stadsdel']) })).min(2),
  meetings: z
    .array(
      z.object({
        id: slugId,
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
};

export const templateSchema = z.object(templateFields);

/** What the agreement is made of; the page texts (sources, law) are not part of what is signed. */
export const templateContentSchema = templateSchema.pick({
  version: true,
  title: true,
  parties: true,
  sections: true,
  requiredFunctions: true,
  meetings: true,
  followUp: true,
});

export type TemplateContent = z.infer<typeof templateContentSchema>;
export { lawRef, source };
