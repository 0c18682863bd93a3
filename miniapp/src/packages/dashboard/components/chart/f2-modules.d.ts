// Types for the parts of AntV F2 3.x the dashboard imports one by one (the package types only its index), so the
// subpackage ships the core, two geometries, the stack adjust, legend and guide text — not the whole library.
declare module '@antv/f2/es/core' {
  import F2 from '@antv/f2';
  export const Chart: typeof F2.Chart;
  export const Global: F2.Global;
}
declare module '@antv/f2/es/plugin/legend' {
  import F2 from '@antv/f2';
  const plugin: F2.Plugin;
  export default plugin;
}
declare module '@antv/f2/es/plugin/guide' {
  import F2 from '@antv/f2';
  const plugin: F2.Plugin;
  export default plugin;
}
declare module '@antv/f2/es/geom/interval';
declare module '@antv/f2/es/geom/polygon';
declare module '@antv/f2/es/geom/adjust/stack';
declare module '@antv/f2/es/component/guide/text';
