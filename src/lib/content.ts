import { getCollection, type CollectionEntry } from 'astro:content';
import type { SearchDocument } from '../../functions/domain/search/documents';
import { markdownToText } from '../../functions/domain/search/text';

const byOrder = <T extends { data: { order: number } }>(a: T, b: T) => a.data.order - b.data.order;

export const getGuidelines = async () => (await getCollection('riktlinjer')).sort(byOrder);
export const getSupportPages = async () => (await getCollection('stodmaterial')).sort(byOrder);
export const getDecisions = async () =>
  (await getCollection('historik')).sort((a, b) => a.data.date.getTime() - b.data.date.getTime());

/**
 * The content entry that describes a published template version: the same version, or the
 * newest one before it (a version's page texts carry over until a new entry replaces them).
 */
export const getTemplateEntry = async (version: number) =>
  (await getTemplates()).find((t) => t.data.version <= version) ?? null;

/** The template versions, newest first; the first is the current one. */
export const getTemplates = async () =>
  (await getCollection('overenskommelse')).sort((a, b) => b.data.version - a.data.version);

function templateText(entry: CollectionEntry<'overenskommelse'>): string {
  const { sections, meetings, requiredFunctions, followUp } = entry.data;
  return [
    markdownToText(entry.body ?? ''),
    ...sections.map((s) => `${s.heading}. ${s.text}`),
    ...meetings.map((m) => `${m.area}. ${m.purpose} ${m.frequency}`),
    ...requiredFunctions.map((f) => f.name),
    ...followUp.questions,
  ].join(' ');
}

/** Every searchable page, built from the content collections (server search and Pagefind). */
export async function getSearchDocuments(): Promise<SearchDocument[]> {
  const [guidelines, support, templates, decisions, about, answers] = await Promise.all([
    getGuidelines(),
    getSupportPages(),
    getTemplates(),
    getDecisions(),
    getCollection('sidor'),
    getCollection('svar'),
  ]);
  return [
    ...guidelines.map((e) => ({
      url: `/riktlinjer/${e.id}/`,
      title: e.data.title,
      summary: e.data.summary,
      collection: 'riktlinjer',
      audience: e.data.audience,
      text: markdownToText(e.body ?? ''),
    })),
    ...support.map((e) => ({
      url: `/stodmaterial/${e.id}/`,
      title: e.data.title,
      summary: e.data.summary,
      collection: 'stodmaterial',
      audience: e.data.audience,
      text: [markdownToText(e.body ?? ''), ...e.data.schoolDoes, ...e.data.socialServicesDoes].join(' '),
    })),
    ...templates.slice(0, 1).map((e) => ({
      url: '/overenskommelse/',
      title: e.data.title,
      summary: e.data.summary,
      collection: 'overenskommelse',
      audience: ['skola', 'stadsdel'],
      text: templateText(e),
    })),
    ...decisions.map((e) => ({
      url: `/historik/#${e.id}`,
      title: e.data.title,
      summary: e.data.summary,
      collection: 'historik',
      audience: ['alla'],
      text: [markdownToText(e.body ?? ''), e.data.effect].join(' '),
    })),
    ...about.map((e) => ({
      url: `/${e.id}`,
      title: e.data.title,
      summary: e.data.summary,
      collection: 'sidor',
      audience: ['alla'],
      text: markdownToText(e.body ?? ''),
    })),
    ...answers.map((e) => ({
      url: `/om/${e.id}/`,
      title: e.data.title,
      summary: e.data.summary,
      collection: 'sidor',
      audience: ['alla'],
      text: [markdownToText(e.body ?? ''), ...e.data.demands.flatMap((d) => [d.demand, ...d.answer])].join(' '),
    })),
  ];
}
