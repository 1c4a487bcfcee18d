import { gzipSync } from 'node:zlib';
import type { Visitor } from './client';
import { origin } from './server';

// Page weight as a browser on Cloudflare would receive it: each response gzipped (zlib's default
// level 6, what most servers use) from the bytes the local Worker sends, counting the page and
// what it links: <link rel=stylesheet> and <script src>. Inline scripts count as JavaScript too.

export type PageWeight = { status: number; html: number; css: number; js: number };
export type PageType = { name: string; path: string; visitor?: 'school' | 'officer'; content: boolean };

export const pageTypes: PageType[] = [
  { name: 'Start', path: '/', content: true },
  { name: 'Guideline', path: '/riktlinjer/samverkansomraden/', content: true },
  { name: 'Support page', path: '/stodmaterial/sekretess/', content: true },
  { name: 'Search', path: `/sok?q=${encodeURIComponent('anmälan')}`, content: false },
  { name: 'Register', path: '/registrera', content: false },
  { name: 'District page', path: '/stadsdelar/sodermalm/', content: true },
  { name: 'Statistics', path: '/statistik/', content: true },
  { name: 'School (signed in)', path: '/skola/', visitor: 'school', content: false },
  { name: 'District (signed in)', path: '/stadsdel/', visitor: 'officer', content: false },
];

const gzipped = (bytes: Uint8Array) => gzipSync(bytes).length;

export async function measureWeight(path: string, visitor?: Visitor): Promise<PageWeight> {
  const headers = { cookie: visitor?.cookieHeader ?? '' };
  const res = await fetch(`${origin}${path}`, { headers, redirect: 'manual' });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, html: 0, css: 0, js: 0 };
  const html = new TextDecoder().decode(bytes);
  const sum = async (urls: string[]) => {
    let total = 0;
    for (const url of new Set(urls))
      total += gzipped(
        new Uint8Array(await (await fetch(new URL(url, `${origin}${path}`), { headers })).arrayBuffer()),
      );
    return total;
  };
  const inline = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/gi),
  ]
    .map((m) => m[1] ?? '')
    .join('');
  return {
    status: res.status,
    html: gzipped(bytes),
    css: await sum(attributeOf(html, /<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/gi, 'href')),
    js:
      (await sum(attributeOf(html, /<script\b[^>]*\bsrc=[^>]*>/gi, 'src'))) +
      (inline ? gzipped(new TextEncoder().encode(inline)) : 0),
  };
}

function attributeOf(html: string, tags: RegExp, name: string): string[] {
  return [...html.matchAll(tags)].flatMap((tag) => {
    const value = new RegExp(`\\b${name}=["']?([^"'\\s>]+)`, 'i').exec(tag[0])?.[1];
    return value ? [value.replaceAll('&amp;', '&')] : [];
  });
}
