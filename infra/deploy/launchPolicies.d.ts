// Types of the serverless plugin's helpers that tests/deploy reads (the plugin itself is plain CommonJS).
export declare const SECRET_PARAMETERS: Record<string, string>;
/** handler source file (relative to root) → the secrets its bundle can read, sorted. */
export declare function secretsUsedByHandlers(root: string, handlerFiles: string[]): Map<string, string[]>;
