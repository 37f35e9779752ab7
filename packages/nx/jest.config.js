module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'nx',
  rootDir: __dirname,
};
