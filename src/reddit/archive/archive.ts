// The port an archive plugs into: what the report asks of a third-party archive of Reddit posts (the
// numbers Reddit gave some time after posting), whichever service answers it.

/** Points, comments and the NSFW flag of one post, as an archive recorded them. */
export interface ArchivedNumbers {
  id: string;
  score: number;
  numComments: number;
  /** True when the archive marks the post NSFW; absent when it did not say. */
  over18?: boolean;
}

export interface PostArchive {
  /** The setting's value and the report's `source.archive.name` ("arctic-shift"). */
  readonly name: string;
  /** The service in words, for warnings ("Arctic Shift"). */
  readonly label: string;
  /**
   * The archived numbers of the posts `ids` it holds (the others are left out of the answer). Throws
   * when the archive cannot be read at all, with a one-line message that names no URL.
   */
  lookup(ids: string[]): Promise<ArchivedNumbers[]>;
}
