// Progressive enhancement of /sok: with JavaScript, results follow the typing, straight from the
// Pagefind index. Without it, the form posts to the server-side search and nothing is lost.
type PagefindResult = { url: string; meta: { title?: string; summary?: string }; filters: Record<string, string[]> };
type Pagefind = {
  options(o: Record<string, unknown>): Promise<void>;
  debouncedSearch(
    q: string,
    o: { filters: Record<string, { any: string[] }> },
    ms: number,
  ): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
};

const collectionLabels: Record<string, string> = {
  riktlinjer: 'Riktlinjer',
  stodmaterial: 'Stödmaterial',
  overenskommelse: 'Överenskommelse',
  historik: 'Historik',
};
const maxResults = 30;

const form = document.querySelector<HTMLFormElement>('[data-search-form]');
const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
const resultList = document.querySelector<HTMLOListElement>('[data-search-list]');
const statusLine = document.querySelector<HTMLElement>('[data-search-status]');
let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  const path = '/pagefind/pagefind.js';
  pagefind ??= import(/* @vite-ignore */ path).then(async (p: Pagefind) => {
    await p.options({ excerptLength: 0 });
    return p;
  });
  return pagefind;
}

function chosenFilters(f: HTMLFormElement): Record<string, { any: string[] }> {
  const filters: Record<string, { any: string[] }> = {};
  for (const name of ['samling', 'malgrupp']) {
    const values = new FormData(f).getAll(name).map(String);
    if (values.length > 0) filters[name] = { any: values };
  }
  return filters;
}

function render(query: string, results: PagefindResult[]): void {
  if (!resultList || !statusLine) return;
  const items = results.map((r) => {
    const li = document.createElement('li');
    const h3 = document.createElement('h3');
    const a = document.createElement('a');
    a.href = r.url;
    a.textContent = r.meta.title ?? r.url;
    h3.append(a);
    const kind = document.createElement('p');
    kind.className = 'muted';
    kind.textContent = collectionLabels[r.filters['samling']?.[0] ?? ''] ?? '';
    const summary = document.createElement('p');
    summary.textContent = r.meta.summary ?? '';
    li.append(h3, kind, summary);
    return li;
  });
  resultList.replaceChildren(...items);
  const count = results.length === 1 ? '1 träff' : `${results.length} träffar`;
  statusLine.textContent = query ? (results.length ? `${count} på ”${query}”.` : `Inga träffar på ”${query}”.`) : '';
}

async function update(): Promise<void> {
  if (!form || !input) return;
  const query = input.value.trim();
  const url = new URL(form.action);
  url.search = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
  history.replaceState(null, '', url);
  if (!query) return render('', []);
  const search = await (await loadPagefind()).debouncedSearch(query, { filters: chosenFilters(form) }, 200);
  if (search === null) return; // A newer keystroke superseded this search.
  render(query, await Promise.all(search.results.slice(0, maxResults).map((r) => r.data())));
}

if (form && input) {
  input.addEventListener('focus', () => void loadPagefind(), { once: true });
  form.addEventListener('input', () => void update());
}
