import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

// The routes as the source declares them, so that a test can insist that each one is covered.

/** Every on-demand page under src/pages as "GET /route" ("GET /stadsdel/overenskommelse/[id]"). */
export function onDemandPages(dir = 'src/pages'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(astro|ts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => /export const prerender = false/.test(readFileSync(file, 'utf8')))
    .map(
      (file) =>
        `GET /${relative(dir, file)
          .replace(/\.(astro|ts)$/, '')
          .replace(/(^|\/)index$/, '$1')}`,
    )
    .sort();
}

/**
 * Every form a page takes, as "POST /route", or "POST /route?atgard=name" for each action of a page
 * with several forms: the pages that answer a POST with answerForm (src/lib/form-page.ts).
 */
export function formPages(dir = 'src/pages'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.astro'))
    .flatMap((entry) => {
      const file = join(entry.parentPath, entry.name);
      const call = /answerForm\(Astro, (\{[^}]*\}|\w+)/.exec(readFileSync(file, 'utf8'))?.[1];
      if (!call) return [];
      const route = `POST /${relative(dir, file)
        .replace(/\.astro$/, '')
        .replace(/(^|\/)index$/, '$1')}`;
      if (!call.startsWith('{')) return [route];
      return [...call.matchAll(/['"]?([\w-]+)['"]?\s*:/g)].map(([, action]) => `${route}?atgard=${action}`);
    })
    .sort();
}

/**
 * Every route of the Hono API as "METHOD /api/path": the sub-apps that app.ts mounts, and the
 * routes each sub-app's file declares.
 */
export function apiRoutes(dir = 'functions/api'): string[] {
  const app = readFileSync(join(dir, 'app.ts'), 'utf8');
  const fileOf = new Map(
    [...app.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)'/g)].map(([, name, file]) => [name, file]),
  );
  return [...app.matchAll(/api\.route\('([^']*)', (\w+)\)/g)]
    .flatMap(([, prefix = '', name = '']) => {
      const source = readFileSync(join(dir, `${fileOf.get(name)}.ts`), 'utf8');
      return [...source.matchAll(/\.(get|post|put|patch|delete)\(\s*'(\/[^']*)'/g)].map(
        ([, method = '', path = '']) =>
          `${method.toUpperCase()} ${posix.join('/api', prefix, path).replace(/(.)\/$/, '$1')}`,
      );
    })
    .sort();
}
