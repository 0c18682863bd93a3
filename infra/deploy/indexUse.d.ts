// Types of the serverless plugin's index-use scan that tests/deploy reads (the module itself is plain CommonJS).
/** handler source file (relative to root) → the table indexes its code can query, sorted. */
export declare function indexesUsedByHandlers(
  root: string,
  handlerFiles: string[],
  indexes: string[],
): Map<string, string[]>;
