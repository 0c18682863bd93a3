// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Under NODE_ENV=test the preset switches to CommonJS, so jest can reuse this file.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
