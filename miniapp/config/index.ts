// Taro build configuration shared by both targets (weapp and h5). Started from the default template that ships
// inside @tarojs/cli; see https://docs.taro.zone/docs/config-detail
import { createHash } from 'node:crypto';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import { releaseProblems, weappBuildEnv } from './buildEnv';
import devConfig from './dev';
import prodConfig from './prod';

// `taro build` keeps an inherited NODE_ENV. Under jest it is `test`, which makes babel-preset-taro emit CommonJS with
// dev-only code (react-refresh) and the H5 app dies at start-up. A build is either development (watch) or production.
if (process.env.NODE_ENV !== 'development' && process.env.NODE_ENV !== 'production')
  process.env.NODE_ENV = 'production';

const platform = process.env.TARO_ENV ?? 'h5';
// Several engineers build at once: each can point the output at a private folder (relative to miniapp/ or absolute).
const outputRoot = process.env.TARO_OUTPUT_ROOT || `dist/${platform}`;
// One webpack cache per mode, platform and output folder: concurrent builds never share a cache directory, and a
// development build (watch mode) never feeds its modules to a production one.
const cacheName = `${process.env.NODE_ENV ?? 'production'}-${platform}-${createHash('sha1')
  .update(path.resolve(__dirname, '..', outputRoot))
  .digest('hex')
  .slice(0, 8)}`;

// The project's shared/ (schemas and types used by the functions too) sits outside src/: compile it like src/.
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

/** The API's origin on weapp (mini-programs cannot use a relative URL; H5 uses its own origin) and the template ids. */
const buildEnv = weappBuildEnv();
// A release (npm run release:weapp sets RC_RELEASE) never builds with a local API or a placeholder template id.
const problems = process.env.RC_RELEASE === '1' ? releaseProblems(buildEnv) : [];
if (problems.length) throw new Error(`refusing to build a weapp release:\n${problems.join('\n')}`);

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'red-circle',
    date: '2026-11-26',
    // Our own styles are written for a 750-wide design; NutUI's for 375 (per the NutUI Taro guide).
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? input.file : undefined;
      return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(buildEnv.apiBaseUrl),
      'process.env.TARO_APP_EVENT_REMINDER_TEMPLATE_ID': JSON.stringify(buildEnv.templateIds.eventReminder),
      'process.env.TARO_APP_VENUE_REMINDER_TEMPLATE_ID': JSON.stringify(buildEnv.templateIds.venueReminder),
      'process.env.TARO_APP_SERVICE_STATUS_TEMPLATE_ID': JSON.stringify(buildEnv.templateIds.serviceStatus),
    },
    alias: {
      '@shared': sharedDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true, name: cacheName },
    mini: {
      compile: { include: [sharedDir] },
      // Per-component NutUI CSS is imported from several modules; its order relative to ours does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      compile: { include: [sharedDir] },
      staticDirectory: 'static',
      // The local server (infra/local/server.ts) falls back to index.html for unknown paths, so real paths work.
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Taro splits only the initial chunks on H5, so every lazily loaded page chunk carried its own copy of the
        // shared code (NutUI, our components, API client). Share what two or more pages use.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesShared: {
                chunks: 'async',
                minChunks: 2,
                minSize: 10_000,
                priority: 5,
                reuseExistingChunk: true,
              },
            },
          },
        });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
