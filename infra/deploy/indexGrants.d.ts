// Types of the serverless plugin's index helpers that tests/deploy reads (the module itself is plain CommonJS).
export declare function tableIndexes(root: string): string[];
export declare function indexArn(name: string): Record<string, unknown>;
/** The index a statement's resource names (`*` for all), or null when it is not an index of AppTable. */
export declare function indexOfResource(resource: unknown): string | null;
export declare function narrowIndexGrants(
  statements: Record<string, unknown>[],
  used: string[],
): { declared: string[]; granted: string[] };
