/** One searchable page, built from the content collections. */
export type SearchDocument = {
  url: string;
  title: string;
  summary: string;
  /** Collection slug (riktlinjer, stodmaterial, overenskommelse, historik, sidor). */
  collection: string;
  audience: string[];
  text: string;
};

export type SearchFilters = { collections?: string[]; audiences?: string[] };

export type Segment = { text: string; match: boolean };

export type SearchHit = { document: SearchDocument; score: number; snippet: Segment[] };
