// Types of the esbuild plugins of the deployed bundles (the module itself is plain CommonJS, read by serverless-esbuild).
import type { Plugin } from 'esbuild';

declare const plugins: Plugin[];
export = plugins;
