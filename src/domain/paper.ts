// What a paper is to the rest of paperboy: the input importers and fetchers produce, and the
// stored record pages, feeds and the API present.

export interface Author {
  name: string;
  /** Hugging Face's author id, kept when imported so API clients see stable ids. */
  _id?: string;
  /**
   * The Hugging Face account that claimed this authorship, with Hugging Face's `status`
   * (`claimed_verified`, `admin_assigned`) and when it last changed; kept as imported, absent for an
   * author nobody claimed (as Hugging Face leaves them out).
   */
  user?: Record<string, unknown>;
  status?: string;
  statusLastChangedAt?: string;
}

/** A Hugging Face organization a paper belongs to (`{_id, name, fullname, avatar}`), kept as imported. */
export type HfOrganization = Record<string, unknown> & { _id: string; name: string };

/**
 * What Hugging Face says about a paper beyond arXiv, kept from its API on import and given back by
 * ours; absent or null when no source said.
 */
export interface HfPaperExtras {
  organization?: HfOrganization | null;
  /** Images and videos the submitter attached (Hugging Face's `mediaUrls`). */
  mediaUrls?: string[] | null;
  /** The GitHub repository's stars when last imported, and who linked it (`user`, `admin`, …). */
  githubStars?: number | null;
  githubRepoAddedBy?: string | null;
  /** The model that wrote aiSummary (Hugging Face's `ai_summary_model`). */
  aiSummaryModel?: string | null;
}

/** The submitter name the API shows for a listing whose source did not say who listed it (never a valid username). */
export const UNKNOWN_SUBMITTER = '(unknown)';

/** Hugging Face's public profile of whoever put a paper on the daily list, kept as imported. */
export type ImportedSubmitter = Record<string, unknown> & { name?: string; user?: string; fullname?: string };

export interface PaperInput extends HfPaperExtras {
  id: string;
  version?: number;
  /** Every version with its submission date, when the source lists them (arXiv OAI-PMH arXivRaw). */
  versions?: { version: number; submittedAt: string | null }[];
  title: string;
  abstract?: string | null;
  authors?: Author[];
  categories?: string[];
  publishedAt?: string | null;
  updatedAt?: string | null;
  comment?: string | null;
  githubUrl?: string | null;
  projectPage?: string | null;
  thumbnail?: string | null;
  aiSummary?: string | null;
  aiKeywords?: string[] | null;
  discussionId?: string | null;
  /** Upvote and comment counts known from elsewhere; local votes and comments add to them. */
  upvotes?: number | null;
  numComments?: number | null;
  daily?: DailyInput | null;
}

/** A listing as a source describes it; what it leaves out (undefined or null) keeps its stored value. */
export interface DailyInput {
  day: string;
  submittedAt: string;
  submitter?: ImportedSubmitter | null;
  /** A Hugging Face item's own `publishedAt`, given back as imported. */
  itemPublishedAt?: string | null;
  /** Whether an author takes part in the discussion (Hugging Face's `isAuthorParticipating`). */
  authorParticipating?: boolean | null;
}

export interface Paper extends HfPaperExtras {
  id: string;
  title: string;
  abstract: string | null;
  authors: Author[];
  categories: string[];
  primaryCategory: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  latestVersion: number | null;
  comment: string | null;
  githubUrl: string | null;
  projectPage: string | null;
  thumbnail: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  discussionId: string | null;
  upvotes: number;
  numComments: number;
  /**
   * Of numComments, those counted on Hugging Face when the paper was imported: they live there and are
   * not shown here. Absent (none) on papers not read from the database.
   */
  commentsElsewhere?: number;
  hidden: boolean;
  /** Present when the paper is on a daily list. */
  daily: DailyEntry | null;
}

export interface DailyEntry {
  day: string;
  submittedAt: string;
  /** A local member's username, or the imported Hugging Face submitter. */
  submitterUsername: string | null;
  importedSubmitter: ImportedSubmitter | null;
  hot: number;
  /** As imported from a Hugging Face item; absent or null when the source did not say. */
  itemPublishedAt?: string | null;
  authorParticipating?: boolean | null;
}

export type ListedPaper = Paper & { daily: DailyEntry };
